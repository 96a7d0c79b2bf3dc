package io.canopy.planner;

import io.canopy.planner.pathfinders.GreedyFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds a contraction plan by running many randomized trials and keeping the best, as cotengra's
 * hyper-optimizer does.
 *
 * <p>A trial draws a path finder and its parameters, finds a tree, and slices it when a target
 * size is set; its score is the options' objective on the sliced tree. Trial {@code t} takes its
 * randomness from a generator seeded by the master seed and {@code t} alone, and the best is the
 * lowest score with ties going to the lowest trial number, so a run bounded by a trial count
 * returns the same plan for the same seed whatever the thread count.
 */
public final class Planner {
  private Planner() { }

  /**
   * Plans the contraction of {@code problem}.
   *
   * @param progress called after each trial (see {@link PlanProgress} for threading)
   * @throws IllegalArgumentException if the slicing target cannot be reached
   */
  public static Plan plan(ContractionProblem problem, PlannerOptions options, PlanProgress progress) {
    return new Search(problem, options, progress).run();
  }

  /** One trial's outcome. */
  private record Result(int trial, double score, ContractionTree tree) {
    boolean betterThan(Result o) {
      return o == null || score < o.score || (score == o.score && trial < o.trial);
    }
  }

  /** The state shared by the worker threads of one planning run. */
  private static final class Search {
    private final ContractionProblem problem;
    private final PlannerOptions options;
    private final PlanProgress progress;
    private final AtomicInteger nextTrial = new AtomicInteger();
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    private Result best;
    private int done;

    Search(ContractionProblem problem, PlannerOptions options, PlanProgress progress) {
      this.problem = problem;
      this.options = options;
      this.progress = progress;
      this.deadlineNanos = options.timeSeconds().isPresent()
          ? startNanos + (long) (options.timeSeconds().getAsDouble() * 1e9) : Long.MAX_VALUE;
      if (options.targetLog2Size().isPresent()) {
        // fail fast on an unreachable target, before any thread starts
        Slicer.slice(trivialTree(), options.targetLog2Size().getAsInt());
      }
    }

    /** A valid tree used only to check the slicing target against the inputs and output. */
    private ContractionTree trivialTree() {
      int n = problem.numInputs();
      int[][] path = new int[n - 1][];
      for (int k = 0; k < n - 1; k++) path[k] = new int[] {k == 0 ? 0 : n + k - 1, k + 1};
      return ContractionTree.fromSsaPath(problem, path);
    }

    Plan run() {
      int threads = options.threads();
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "planner");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) workers.add(pool.submit(this::work));
        for (Future<?> f : workers) f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("planning interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) throw re;
        throw new IllegalStateException("planning failed: " + cause, cause);
      } finally {
        pool.shutdownNow();
      }
      return new Plan(best.tree);
    }

    private void work() {
      while (true) {
        int t = nextTrial.getAndIncrement();
        if (options.trials().isPresent() && t >= options.trials().getAsInt()) return;
        // the first trial always runs, so even a tiny budget yields a plan
        if (t > 0 && System.nanoTime() >= deadlineNanos) return;
        record(runTrial(t));
      }
    }

    private Result runTrial(int trial) {
      SplittableRandom random = new SplittableRandom(trialSeed(options.seed(), trial));
      ContractionTree tree = GreedyFinder.sample(random).find(problem, random);
      if (options.targetLog2Size().isPresent()) {
        tree = Slicer.slice(tree, options.targetLog2Size().getAsInt());
      }
      return new Result(trial, options.objective().score(tree), tree);
    }

    private synchronized void record(Result r) {
      if (r.betterThan(best)) best = r;
      done++;
      progress.update(done, best.tree.log10Flops(), best.tree.log2MaxSize(),
          (System.nanoTime() - startNanos) / 1e9);
    }
  }

  /** The seed of trial {@code t}: SplitMix64's finalizer over the master seed and trial number. */
  static long trialSeed(long seed, int trial) {
    long z = seed + (trial + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
