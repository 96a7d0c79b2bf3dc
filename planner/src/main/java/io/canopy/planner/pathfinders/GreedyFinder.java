package io.canopy.planner.pathfinders;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * Randomized greedy pairwise contraction, after cotengra's random-greedy (its
 * {@code path_greedy}, itself opt_einsum's greedy with Boltzmann noise).
 *
 * <p>Among pairs of tensors sharing an index, it repeatedly contracts the pair of lowest score
 * {@code size(out) - costmod * (size(a) + size(b))} (sizes in elements: a contraction that shrinks
 * memory scores low). The score is mapped to {@code sign(s) log(1 + |s|)} and, at temperature
 * {@code T > 0}, a Gumbel variate times {@code T} is subtracted, which samples pairs with
 * Boltzmann weights. When no pair shares an index (disconnected components, scalars), the
 * remaining tensors are contracted pairwise, smallest first.
 *
 * <p>Running time: O(E log E) heap operations for E candidate pairs, each evaluated in time
 * linear in the pair's index count. Candidates are kept in a priority queue with lazy
 * invalidation (entries naming a contracted tensor are dropped when popped), and an index-to-tensor
 * map finds the new neighbours of each contraction, so no step rescans all tensors.
 */
public final class GreedyFinder implements PathFinder {
  private static final double LN2 = Math.log(2);

  private final double costmod;
  private final double temperature;

  /**
   * @param costmod weight of the removed inputs' sizes in the score (cotengra's {@code costmod}),
   *     at least 0
   * @param temperature noise temperature, 0 for the deterministic greedy
   */
  public GreedyFinder(double costmod, double temperature) {
    if (!(costmod >= 0) || !(temperature >= 0)) {
      throw new IllegalArgumentException("greedy costmod and temperature must be >= 0, got "
          + costmod + " and " + temperature);
    }
    this.costmod = costmod;
    this.temperature = temperature;
  }

  /**
   * A greedy finder with parameters drawn at random: costmod log-uniform in [0.5, 64),
   * temperature log-uniform in [0.0001, 0.1). Wider than cotengra's defaults on purpose: on
   * Sycamore circuits the best greedy trees come from costmod above 4 (growing one large tensor
   * gate by gate) and from small temperatures, which mostly break ties.
   */
  public static GreedyFinder sample(RandomGenerator random) {
    double costmod = 0.5 * Math.pow(128, random.nextDouble());
    double temperature = Math.pow(10, -4 + 3 * random.nextDouble());
    return new GreedyFinder(costmod, temperature);
  }

  public double costmod() { return costmod; }

  public double temperature() { return temperature; }

  @Override
  public ContractionTree find(ContractionProblem problem, RandomGenerator random) {
    return ContractionTree.fromSsaPath(problem, new Run(problem, random).contractAll());
  }

  @Override
  public String toString() {
    return String.format("greedy(costmod=%.3f, temperature=%.4f)", costmod, temperature);
  }

  /** A candidate pair with its score at the time it was pushed. */
  private record Candidate(double score, double noise, int a, int b) implements Comparable<Candidate> {
    @Override
    public int compareTo(Candidate o) {
      int c = Double.compare(score, o.score);
      if (c != 0) return c;
      c = Integer.compare(a, o.a);
      return c != 0 ? c : Integer.compare(b, o.b);
    }
  }

  /** The mutable state of one greedy contraction. */
  private final class Run {
    private final RandomGenerator random;
    private final int n;
    private final int[] log2SizeOfIndex;
    /** Per SSA node: its distinct indices, sorted. */
    private final int[][] indices;
    private final int[] log2Size;
    private final boolean[] live;
    /** Per index: live nodes holding it, plus one if it is an output index. */
    private final int[] occurrences;
    private final IndexHolders holders;
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>();
    private final int[] pushedStamp;
    private final int[][] path;
    private int next;

    Run(ContractionProblem problem, RandomGenerator random) {
      this.random = random;
      this.n = problem.numInputs();
      this.log2SizeOfIndex = problem.log2Sizes();
      int total = 2 * n - 1;
      this.indices = new int[total][];
      this.log2Size = new int[total];
      this.live = new boolean[total];
      this.occurrences = new int[problem.numIndices()];
      this.holders = new IndexHolders(problem.numIndices());
      this.pushedStamp = new int[total];
      Arrays.fill(pushedStamp, -1);
      this.path = new int[n - 1][];
      this.next = n;
      for (int ix : problem.output()) occurrences[ix]++;
      for (int t = 0; t < n; t++) {
        int[] ix = Arrays.stream(problem.input(t)).distinct().sorted().toArray();
        addNode(t, ix);
      }
    }

    private void addNode(int node, int[] ix) {
      indices[node] = ix;
      int s = 0;
      for (int i : ix) {
        s += log2SizeOfIndex[i];
        occurrences[i]++;
        holders.add(i, node);
      }
      log2Size[node] = s;
      live[node] = true;
    }

    int[][] contractAll() {
      // among leaves each pair is pushed by its lower member; later a new node pushes all its pairs
      for (int t = 0; t < n; t++) pushNeighbours(t, t);
      while (!queue.isEmpty()) {
        Candidate c = queue.poll();
        if (!live[c.a] || !live[c.b]) continue;
        double current = score(c.a, c.b, c.noise);
        if (Double.compare(current, c.score) != 0) {
          // a hyperedge lost a holder since the push: re-rank with the same noise
          queue.add(new Candidate(current, c.noise, c.a, c.b));
          continue;
        }
        pushNeighbours(contract(c.a, c.b), -1);
      }
      contractRemainingSmallestFirst();
      return path;
    }

    private void contractRemainingSmallestFirst() {
      PriorityQueue<long[]> bySize = new PriorityQueue<>((x, y) ->
          x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
      for (int node = 0; node < next; node++) if (live[node]) bySize.add(new long[] {log2Size[node], node});
      while (bySize.size() > 1) {
        int a = (int) bySize.poll()[1];
        int b = (int) bySize.poll()[1];
        int c = contract(a, b);
        bySize.add(new long[] {log2Size[c], c});
      }
    }

    /**
     * Pushes a candidate for every live node above {@code minOther} sharing an index with
     * {@code node}, each once however many indices they share.
     */
    private void pushNeighbours(int node, int minOther) {
      for (int ix : indices[node]) {
        int count = holders.count(ix);
        int[] list = holders.list(ix);
        for (int k = 0; k < count; k++) {
          int other = list[k];
          if (other <= minOther || other == node || pushedStamp[other] == node) continue;
          pushedStamp[other] = node;
          double noise = temperature > 0 ? gumbel() * temperature : 0;
          int a = Math.min(node, other);
          int b = Math.max(node, other);
          queue.add(new Candidate(score(a, b, noise), noise, a, b));
        }
      }
    }

    private double gumbel() {
      double u = random.nextDouble();
      while (u == 0) u = random.nextDouble();
      return -Math.log(-Math.log(u));
    }

    /**
     * The noisy score, computed relative to the largest of the three sizes so that tensors beyond
     * a double's range (2^1024 elements, met on wide random graphs) still rank correctly.
     */
    private double score(int a, int b, double noise) {
      int out = log2SizeOfOutput(a, b);
      int scale = Math.max(out, Math.max(log2Size[a], log2Size[b]));
      double raw = Math.scalb(1.0, out - scale)
          - costmod * (Math.scalb(1.0, log2Size[a] - scale) + Math.scalb(1.0, log2Size[b] - scale));
      if (raw == 0) return -noise;
      // sign(s) log(1 + |s|) for s = raw * 2^scale
      double logAbs = Math.log(Math.abs(raw)) + scale * LN2;
      double magnitude = logAbs > 30 ? logAbs : Math.log1p(Math.exp(logAbs));
      return Math.signum(raw) * magnitude - noise;
    }

    private int log2SizeOfOutput(int a, int b) {
      int[] ia = indices[a];
      int[] ib = indices[b];
      int i = 0;
      int j = 0;
      int s = 0;
      while (i < ia.length || j < ib.length) {
        if (j >= ib.length || (i < ia.length && ia[i] < ib[j])) {
          int ix = ia[i++];
          if (occurrences[ix] > 1) s += log2SizeOfIndex[ix];
        } else if (i >= ia.length || ib[j] < ia[i]) {
          int ix = ib[j++];
          if (occurrences[ix] > 1) s += log2SizeOfIndex[ix];
        } else {
          int ix = ia[i++];
          j++;
          if (occurrences[ix] > 2) s += log2SizeOfIndex[ix];
        }
      }
      return s;
    }

    /** Contracts two live nodes into the next SSA node and returns it. */
    private int contract(int a, int b) {
      int[] ia = indices[a];
      int[] ib = indices[b];
      int[] merged = new int[ia.length + ib.length];
      int m = 0;
      int i = 0;
      int j = 0;
      while (i < ia.length || j < ib.length) {
        int ix;
        int held;
        if (j >= ib.length || (i < ia.length && ia[i] < ib[j])) {
          ix = ia[i++];
          held = 1;
        } else if (i >= ia.length || ib[j] < ia[i]) {
          ix = ib[j++];
          held = 1;
        } else {
          ix = ia[i++];
          j++;
          held = 2;
        }
        occurrences[ix] -= held;
        if (occurrences[ix] > 0) merged[m++] = ix;
      }
      for (int ix : ia) holders.remove(ix, a);
      for (int ix : ib) holders.remove(ix, b);
      live[a] = false;
      live[b] = false;
      int c = next++;
      path[c - n] = new int[] {a, b};
      addNode(c, Arrays.copyOf(merged, m));
      return c;
    }
  }
}
