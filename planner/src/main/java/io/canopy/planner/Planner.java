package io.canopy.planner;

import io.canopy.planner.hyper.TpeTuner;
import io.canopy.planner.hyper.TpeTuner.Proposal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds a contraction plan as cotengra's hyper-optimizer does: many randomized trials, a tuner
 * steering the choice of path finder and parameters, and the best trees refined.
 *
 * <p>Search: trials run in rounds of {@code 4 * threads}. A {@link TpeTuner} proposes each
 * round's finders and parameters from the scores of all earlier rounds; a trial finds a tree and,
 * when a target size is set, slices it; its score is the objective on that tree. Refinement: the
 * best trees (by sliced and by unsliced score, alternately) are re-contracted by
 * {@link SubtreeReconfigurer}, or sliced by {@link ReconfiguringSlicer} when a target is set; the
 * plan is the best tree of either stage. A trial count bounds the search and
 * {@code reconfigureBest} the refinement; a time budget alone gives the search 60% of it
 * (when refinement is on) and refinement the rest (refinements already started finish).
 *
 * <p>Slice replanning (with a target size, unless turned off): the best sliced plan is improved
 * by rounds of {@link SliceReplanner}, each planning the sliced network anew with this same
 * search and refinement. Bounded by trials it runs two rounds; with a time budget alone, search
 * gets 20% of the time, refinement 10%, and replanning the rest in rounds of a sixth of that.
 *
 * <p>Reproducibility: trial {@code t} takes its randomness from the master seed and {@code t}
 * alone, the tuner sees results in trial order between rounds, and ties go to the earlier trial;
 * so a run bounded by a trial count returns the same plan for the same seed and thread count.
 */
public final class Planner {
  private static final int ROUND_PER_THREAD = 4;
  private static final double SEARCH_SHARE = 0.6;
  /**
   * Shares of a time budget when slice replanning runs: search, then refinement, then replanning.
   * Replanning gets most of it: on Sycamore m20 sliced to 2^30 the search's best sliced tree is
   * about 10^25, refinement takes it to about 10^21, and each replanning round still gains
   * 0.02-2 orders of magnitude where search and refinement have long stopped gaining.
   */
  private static final double REPLAN_SEARCH_SHARE = 0.2;
  private static final double REPLAN_REFINE_SHARE = 0.1;
  /** Replanning rounds: a time budget's replanning share is split in this many. */
  private static final int REPLAN_ROUNDS = 6;
  private static final double REPLAN_DROP = 0.25;
  private static final int SLICE_STEP = 2;

  private Planner() { }

  /**
   * Plans the contraction of {@code problem}.
   *
   * @param progress called after each trial and each refinement (see {@link PlanProgress})
   * @throws IllegalArgumentException if the slicing target cannot be reached
   */
  public static Plan plan(ContractionProblem problem, PlannerOptions options, PlanProgress progress) {
    return new Search(problem, options, progress).run();
  }

  /**
   * One trial's or refinement's outcome; {@code order} breaks ties. {@code unslicedScore} is the
   * objective on the tree before slicing, by which refinement also picks candidates.
   */
  private record Result(int order, double score, ContractionTree tree, double unslicedScore) {
    boolean betterThan(Result o) {
      return o == null || score < o.score || (score == o.score && order < o.order);
    }
  }

  /** The state of one planning run. */
  private static final class Search {
    private final ContractionProblem problem;
    private final PlannerOptions options;
    private final PlanProgress progress;
    private final long startNanos = System.nanoTime();
    private final long searchDeadline;
    private final long refineDeadline;
    private final long deadline;
    private final boolean replan;
    private final TpeTuner tuner;
    private final List<Result> trials = new ArrayList<>();
    private Result best;
    private int done;

    Search(ContractionProblem problem, PlannerOptions options, PlanProgress progress) {
      this.problem = problem;
      this.options = options;
      this.progress = progress;
      this.tuner = new TpeTuner(options.finders());
      this.replan = options.sliceReplanning() && options.targetLog2Size().isPresent() && problem.numInputs() > 2;
      if (options.timeSeconds().isPresent()) {
        double s = options.timeSeconds().getAsDouble();
        double searchShare = replan ? REPLAN_SEARCH_SHARE : options.subtreeSize() > 0 ? SEARCH_SHARE : 1;
        double refineShare = replan ? REPLAN_REFINE_SHARE : 1 - searchShare;
        searchDeadline = startNanos + (long) (s * searchShare * 1e9);
        refineDeadline = startNanos + (long) (s * (searchShare + refineShare) * 1e9);
        deadline = startNanos + (long) (s * 1e9);
      } else {
        searchDeadline = Long.MAX_VALUE;
        refineDeadline = Long.MAX_VALUE;
        deadline = Long.MAX_VALUE;
      }
      // fail fast on an unreachable target, before any thread starts
      if (options.targetLog2Size().isPresent()) Slicer.checkTarget(problem, options.targetLog2Size().getAsInt());
    }

    Plan run() {
      ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
        Thread t = new Thread(r, "planner");
        t.setDaemon(true);
        return t;
      });
      try {
        search(pool);
        if (options.subtreeSize() > 0 && problem.numInputs() > 2) refine(pool);
      } finally {
        pool.shutdownNow();
      }
      if (replan) replan();
      Map<String, Object> origin = options.settings();
      origin.put("trialsDone", done);
      origin.put("planningSeconds", Math.round(elapsed() * 100) / 100.0);
      return new Plan(best.tree, origin);
    }

    private void search(ExecutorService pool) {
      int limit = options.trials().isPresent() ? options.trials().getAsInt() : Integer.MAX_VALUE;
      int roundSize = ROUND_PER_THREAD * options.threads();
      int next = 0;
      for (int round = 0; next < limit && (next == 0 || System.nanoTime() < searchDeadline); round++) {
        SplittableRandom roundRandom = new SplittableRandom(trialSeed(options.seed(), -1 - round));
        int count = Math.min(roundSize, limit - next);
        List<Proposal> proposals = new ArrayList<>();
        List<Callable<Result>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          Proposal p = tuner.propose(roundRandom);
          int trial = next + i;
          proposals.add(p);
          tasks.add(() -> runTrial(trial, p));
        }
        List<Result> results = runAll(pool, tasks);
        for (int i = 0; i < count; i++) {
          tuner.observe(proposals.get(i), results.get(i).score);
          trials.add(results.get(i));
          record(results.get(i));
        }
        next += count;
      }
    }

    private Result runTrial(int trial, Proposal proposal) {
      SplittableRandom random = new SplittableRandom(trialSeed(options.seed(), trial));
      ContractionTree tree = proposal.space().create(proposal.point()).find(problem, random);
      double unsliced = options.objective().score(tree);
      if (options.targetLog2Size().isPresent()) {
        tree = Slicer.slice(tree, options.targetLog2Size().getAsInt());
      }
      return new Result(trial, options.objective().score(tree), tree, unsliced);
    }

    /**
     * Reconfigures the best trees of the search, {@code threads} at a time: the best sliced and
     * the best unsliced trees alternately (a tree that slices badly as it is may slice well
     * once reconfigured). Bounded by {@code reconfigureBest}, or with a time budget by the time
     * left (at least one tree is always refined).
     */
    private void refine(ExecutorService pool) {
      List<Result> candidates = refinementCandidates();
      int limit = options.timeSeconds().isPresent() && options.trials().isEmpty() ? candidates.size()
          : Math.min(options.reconfigureBest(), candidates.size());
      for (int start = 0; start < limit && (start == 0 || System.nanoTime() < refineDeadline);
          start += options.threads()) {
        List<Callable<Result>> tasks = new ArrayList<>();
        for (int i = start; i < Math.min(limit, start + options.threads()); i++) {
          Result r = candidates.get(i);
          int order = trials.size() + i;
          tasks.add(() -> reconfigure(order, r.tree));
        }
        for (Result r : runAll(pool, tasks)) record(r);
      }
    }

    private List<Result> refinementCandidates() {
      List<Result> bySliced = new ArrayList<>(trials);
      bySliced.sort(Comparator.comparingDouble(Result::score).thenComparingInt(Result::order));
      List<Result> byUnsliced = new ArrayList<>(trials);
      byUnsliced.sort(Comparator.comparingDouble(Result::unslicedScore).thenComparingInt(Result::order));
      List<Result> merged = new ArrayList<>();
      Set<Integer> taken = new HashSet<>();
      for (int i = 0; i < trials.size(); i++) {
        for (Result r : List.of(byUnsliced.get(i), bySliced.get(i))) if (taken.add(r.order)) merged.add(r);
      }
      return merged;
    }

    /**
     * Slice replanning ({@link SliceReplanner}) from the best plan so far: a fixed number of
     * rounds of sub-plans bounded by trials, or with a time budget, rounds of equal time until
     * it runs out.
     */
    private void replan() {
      boolean timed = options.trials().isEmpty();
      double roundSeconds = timed
          ? options.timeSeconds().getAsDouble() * (1 - REPLAN_SEARCH_SHARE - REPLAN_REFINE_SHARE) / REPLAN_ROUNDS : 0;
      int roundTrials = timed ? 0 : Math.max(4, options.trials().getAsInt() / 2);
      // orders above any refinement's, so ties still go to earlier stages
      int order = Integer.MAX_VALUE / 2;
      for (int round = 0; timed ? (round == 0 || System.nanoTime() < deadline) : round < 2; round++) {
        PlannerOptions sub = options.forReplanning(trialSeed(options.seed(), Integer.MIN_VALUE + round),
            roundSeconds, roundTrials);
        // odd rounds forget a quarter of the slicing to escape a poor one; even rounds refine it
        SplittableRandom random = new SplittableRandom(trialSeed(options.seed(), Integer.MIN_VALUE / 2 + round));
        // the sub-plan's trials count as this run's, so a user sees the search go on
        int before = done;
        int[] subTrials = {0};
        PlanProgress subProgress = (trialsDone, log10Flops, log2Size, seconds) -> {
          subTrials[0] = trialsDone;
          progress.update(before + trialsDone, best.tree.log10Flops(), best.tree.log2MaxSize(), elapsed());
        };
        ContractionTree t = SliceReplanner.round(best.tree, sub, round % 2 == 1 ? REPLAN_DROP : 0, random,
            subProgress);
        done += subTrials[0];
        record(new Result(order++, options.objective().score(t), t, Double.NaN));
      }
    }

    private Result reconfigure(int order, ContractionTree tree) {
      ContractionTree t = tree.withSliced(new int[0]);
      double writeWeight = options.objective().writeWeight();
      if (options.targetLog2Size().isPresent()) {
        t = new ReconfiguringSlicer(options.subtreeSize(), SLICE_STEP, writeWeight)
            .slice(t, options.targetLog2Size().getAsInt());
      } else {
        t = new SubtreeReconfigurer(options.subtreeSize(), Integer.MAX_VALUE, writeWeight).reconfigure(t);
      }
      return new Result(order, options.objective().score(t), t, Double.NaN);
    }

    private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks) {
      try {
        List<T> out = new ArrayList<>();
        for (Future<T> f : pool.invokeAll(tasks)) out.add(f.get());
        return out;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("planning interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) throw re;
        throw new IllegalStateException("planning failed: " + cause, cause);
      }
    }

    private double elapsed() {
      return (System.nanoTime() - startNanos) / 1e9;
    }

    private void record(Result r) {
      if (r.betterThan(best)) best = r;
      done++;
      progress.update(done, best.tree.log10Flops(), best.tree.log2MaxSize(), elapsed());
    }
  }

  /** The seed of trial {@code t}: SplitMix64's finalizer over the master seed and trial number. */
  static long trialSeed(long seed, int trial) {
    long z = seed + (trial + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
