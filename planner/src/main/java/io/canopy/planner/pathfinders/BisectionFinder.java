package io.canopy.planner.pathfinders;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.partition.Hypergraph;
import io.canopy.planner.partition.MultilevelBisector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Recursive balanced bisection of the tensor network, after cotengra's partition-based finders
 * (its {@code path_kahypar}; Gray and Kourtis, "Hyper-optimized tensor network contraction",
 * Quantum 5, 410 (2021)). The tensors are split in two parts that share few (log-weighted)
 * indices, each part is split again, and so on down to parts of at most {@code cutoff} tensors,
 * which are contracted greedily. The tree contracts each part and joins the two halves last, so
 * the indices of every top-level cut are what the large intermediates share: good trees for
 * slicing.
 *
 * <p>The hypergraph has a vertex per tensor and a net per index, weighted by the index's log2
 * size ("log" weighting) or 1 ("constant"). Bisection uses the {@link MultilevelBisector} written
 * for this planner. Running time: O(P log V) per level of recursion for P index occurrences, so
 * O(P log^2 V) in all.
 */
public final class BisectionFinder implements PathFinder {
  private final double imbalance;
  private final int cutoff;
  private final boolean logWeights;
  private final MultilevelBisector bisector;

  /**
   * @param imbalance allowed excess of a part over half the tensors, e.g. 0.01 to 1
   * @param cutoff parts of at most this many tensors are contracted greedily, at least 2
   * @param logWeights weight indices by log2 size (true) or count them all alike
   */
  public BisectionFinder(double imbalance, int cutoff, boolean logWeights) {
    if (cutoff < 2) throw new IllegalArgumentException("bisection cutoff must be >= 2, got " + cutoff);
    this.imbalance = imbalance;
    this.cutoff = cutoff;
    this.logWeights = logWeights;
    this.bisector = new MultilevelBisector(imbalance);
  }

  /**
   * Parameters drawn at random: imbalance log-uniform in [0.01, 1), cutoff uniform in [4, 24],
   * log weights with probability 1/2.
   */
  public static BisectionFinder sample(RandomGenerator random) {
    double imbalance = Math.pow(10, -2 + 2 * random.nextDouble());
    int cutoff = 4 + random.nextInt(21);
    return new BisectionFinder(imbalance, cutoff, random.nextBoolean());
  }

  @Override
  public ContractionTree find(ContractionProblem problem, RandomGenerator random) {
    Run run = new Run(problem, random);
    int[] all = new int[problem.numInputs()];
    for (int i = 0; i < all.length; i++) all[i] = i;
    run.build(all);
    return ContractionTree.fromSsaPath(problem, run.path.toArray(new int[0][]));
  }

  @Override
  public String toString() {
    return String.format("bisection(imbalance=%.3f, cutoff=%d, weights=%s)", imbalance, cutoff,
        logWeights ? "log" : "constant");
  }

  /** One recursive bisection, recording contractions in SSA order. */
  private final class Run {
    private final ContractionProblem problem;
    private final RandomGenerator random;
    private final GreedyFinder leafFinder = new GreedyFinder(1, 0);
    private final int[][] inputs;
    /** Per index: the tensors holding it. */
    private final int[][] holders;
    private final boolean[] isOutput;
    private final List<int[]> path = new ArrayList<>();
    /** Per tensor: position in the part being processed, or -1. */
    private final int[] position;

    Run(ContractionProblem problem, RandomGenerator random) {
      this.problem = problem;
      this.random = random;
      this.inputs = problem.inputs();
      int[] count = new int[problem.numIndices()];
      for (int[] in : inputs) for (int ix : Arrays.stream(in).distinct().toArray()) count[ix]++;
      holders = new int[problem.numIndices()][];
      for (int ix = 0; ix < holders.length; ix++) holders[ix] = new int[count[ix]];
      Arrays.fill(count, 0);
      for (int t = 0; t < inputs.length; t++) {
        for (int ix : Arrays.stream(inputs[t]).distinct().toArray()) holders[ix][count[ix]++] = t;
      }
      isOutput = new boolean[problem.numIndices()];
      for (int ix : problem.output()) isOutput[ix] = true;
      position = new int[inputs.length];
      Arrays.fill(position, -1);
    }

    /** Contracts the given tensors into one node and returns its SSA id. */
    int build(int[] tensors) {
      if (tensors.length == 1) return tensors[0];
      if (tensors.length <= cutoff) return contractGreedily(tensors);
      boolean[] side = bisect(tensors);
      int a = 0;
      for (boolean s : side) if (s) a++;
      if (a == 0 || a == tensors.length) {
        // nothing to cut (disconnected, no shared index): split in halves
        Arrays.fill(side, 0, tensors.length / 2, true);
        Arrays.fill(side, tensors.length / 2, tensors.length, false);
        a = tensors.length / 2;
      }
      int[] partA = new int[a];
      int[] partB = new int[tensors.length - a];
      int ia = 0;
      int ib = 0;
      for (int i = 0; i < tensors.length; i++) {
        if (side[i]) partA[ia++] = tensors[i];
        else partB[ib++] = tensors[i];
      }
      int left = build(partA);
      int right = build(partB);
      return join(left, right);
    }

    private int join(int a, int b) {
      path.add(new int[] {a, b});
      return inputs.length + path.size() - 1;
    }

    private boolean[] bisect(int[] tensors) {
      for (int i = 0; i < tensors.length; i++) position[tensors[i]] = i;
      List<int[]> pins = new ArrayList<>();
      List<Integer> weights = new ArrayList<>();
      boolean[] seen = new boolean[problem.numIndices()];
      for (int t : tensors) {
        for (int ix : inputs[t]) {
          if (seen[ix]) continue;
          seen[ix] = true;
          int[] inside = Arrays.stream(holders[ix]).filter(h -> position[h] >= 0).map(h -> position[h]).toArray();
          if (inside.length < 2) continue;
          pins.add(inside);
          weights.add(logWeights ? Math.max(1, problem.log2Size(ix)) : 1);
        }
      }
      for (int t : tensors) position[t] = -1;
      int[] vertexWeight = new int[tensors.length];
      Arrays.fill(vertexWeight, 1);
      Hypergraph g = new Hypergraph(vertexWeight, weights.stream().mapToInt(Integer::intValue).toArray(),
          pins.toArray(new int[0][]));
      return bisector.bisect(g, random);
    }

    /** Contracts a small part with the greedy finder on the part's own sub-problem. */
    private int contractGreedily(int[] tensors) {
      for (int i = 0; i < tensors.length; i++) position[tensors[i]] = i;
      int[] local = new int[problem.numIndices()];
      Arrays.fill(local, -1);
      List<Integer> sizes = new ArrayList<>();
      List<Integer> open = new ArrayList<>();
      int[][] subInputs = new int[tensors.length][];
      for (int i = 0; i < tensors.length; i++) {
        int[] in = inputs[tensors[i]];
        subInputs[i] = new int[in.length];
        for (int j = 0; j < in.length; j++) {
          int ix = in[j];
          if (local[ix] < 0) {
            local[ix] = sizes.size();
            sizes.add(problem.log2Size(ix));
            boolean outside = isOutput[ix];
            for (int h : holders[ix]) if (position[h] < 0) outside = true;
            if (outside) open.add(local[ix]);
          }
          subInputs[i][j] = local[ix];
        }
      }
      for (int t : tensors) position[t] = -1;
      ContractionProblem sub = new ContractionProblem(subInputs,
          open.stream().mapToInt(Integer::intValue).toArray(), sizes.stream().mapToInt(Integer::intValue).toArray());
      int[][] subPath = leafFinder.find(sub, random).ssaPath();
      int[] ids = Arrays.copyOf(tensors, tensors.length + subPath.length);
      for (int k = 0; k < subPath.length; k++) ids[tensors.length + k] = join(ids[subPath[k][0]], ids[subPath[k][1]]);
      return ids[ids.length - 1];
    }
  }
}
