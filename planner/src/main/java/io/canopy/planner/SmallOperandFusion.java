package io.canopy.planner;

import java.util.Arrays;

/**
 * Rewrites a contraction tree so that small operands applied one after another to the same large
 * intermediate are contracted with each other first: {@code (L . S1) . S2} becomes
 * {@code L . (S1 . S2)}. On hardware where a step on a large tensor costs its bytes (GPUs, and
 * CPUs on skinny products), each such rewrite saves one pass over a large tensor (the
 * intermediate {@code L . S1} is neither written nor read) for a few more multiply-adds per
 * element: two gates on four different qubits become one step with 2^4 contracted elements
 * instead of two steps with 2^2. The rewritten tree contracts the same network to the same
 * result and keeps the sliced indices; it costs more multiply-adds, so a planner minimising
 * them would never choose it.
 *
 * <p>A rewrite is made only where the fused step stays one a small-operand kernel takes: the
 * fused small operand has at most {@code 2^maxSmallLog2} elements and shares at most
 * {@code 2^maxContractedLog2} contracted elements with the large one, and no index of theirs is
 * kept by the step (no batch index). It is repeated until no run of small operands on a large
 * tensor is left to fuse, so runs of more than two operands fuse as far as the limits allow.
 *
 * <p>One pass over the nodes in SSA order, on mutable child arrays and index sets: a rewrite at a
 * node changes only that node's children and the fused operand, whose index set follows from the
 * node's (which the rewrite keeps) and the large operand's, so a candidate is checked without
 * building a tree. After a rewrite the same node is tried again (its new large child may end in a
 * small operand too). The fused operand cannot be a candidate (both its children are small), and
 * the only other node whose candidates a rewrite changes is the node's parent, which comes later
 * in SSA order; so one pass leaves nothing to fuse. The tree is renumbered and built once at the
 * end: O((nodes + rewrites) x indices per node) in all.
 */
public final class SmallOperandFusion {
  /**
   * @param maxSmallLog2 largest fused small operand, log2 elements
   * @param maxContractedLog2 most elements the fused step contracts, log2
   * @param minLargeLog2 smallest tensor counted as large (one whose passes cost), log2 elements
   */
  public record Limits(int maxSmallLog2, int maxContractedLog2, int minLargeLog2) {
    public Limits {
      if (maxSmallLog2 < 0 || maxContractedLog2 < 0 || minLargeLog2 <= maxSmallLog2) {
        throw new IllegalArgumentException("fusion limits need 0 <= max small (" + maxSmallLog2
            + "), 0 <= max contracted (" + maxContractedLog2 + ") and min large (" + minLargeLog2
            + ") above max small");
      }
    }
  }

  private final ContractionTree tree;
  private final Limits limits;
  private final int[] left;
  private final int[] right;
  /** Per node: its indices (leaves as in their input, contractions distinct), kept up to date. */
  private final int[][] indices;
  /** Per node: log2 elements within one slice, as {@link ContractionTree#log2Size}. */
  private final int[] log2Size;
  /** Per index: the stamp of the last check that found it in the large operand, kept, or seen. */
  private final int[] inLarge;
  private final int[] kept;
  private final int[] seen;
  private int stamp;

  private SmallOperandFusion(ContractionTree tree, Limits limits) {
    this.tree = tree;
    this.limits = limits;
    int nodes = tree.numNodes();
    left = new int[nodes];
    right = new int[nodes];
    indices = new int[nodes][];
    log2Size = new int[nodes];
    for (int v = 0; v < nodes; v++) {
      if (!tree.isLeaf(v)) {
        left[v] = tree.left(v);
        right[v] = tree.right(v);
      }
      indices[v] = tree.indices(v);
      log2Size[v] = tree.log2Size(v);
    }
    int numIndices = tree.problem().numIndices();
    inLarge = new int[numIndices];
    kept = new int[numIndices];
    seen = new int[numIndices];
  }

  /** The tree with every fusible run of small operands fused, and how many steps that removed. */
  public record Result(ContractionTree tree, int fused) {
    /** The plan to execute: {@code plan} itself where nothing fused, else a plan of the fused tree. */
    public Plan applied(Plan plan) { return fused == 0 ? plan : new Plan(tree); }
  }

  /** The tree with its runs of small operands fused; the same tree object when none fuses. */
  public static Result apply(ContractionTree tree, Limits limits) {
    SmallOperandFusion f = new SmallOperandFusion(tree, limits);
    int fused = 0;
    for (int node = tree.numInputs(); node < tree.numNodes(); node++) {
      while (f.fuseAt(node)) fused++;
    }
    return new Result(fused == 0 ? tree : f.renumbered(), fused);
  }

  /**
   * Rewrites the first fusible {@code node = (a, b)} with {@code a = (large, small)} as
   * {@code node = (large, a)} with {@code a = (small, b)}; false when none is within the limits.
   */
  private boolean fuseAt(int node) {
    for (int side = 0; side < 2; side++) {
      int a = side == 0 ? left[node] : right[node];
      int b = side == 0 ? right[node] : left[node];
      if (tree.isLeaf(a) || log2Size[b] > limits.maxSmallLog2() || log2Size[a] < limits.minLargeLog2()) continue;
      for (int inner = 0; inner < 2; inner++) {
        int large = inner == 0 ? left[a] : right[a];
        int small = inner == 0 ? right[a] : left[a];
        if (log2Size[large] < limits.minLargeLog2() || log2Size[small] > limits.maxSmallLog2()) continue;
        int[] fusedIndices = fusedIndicesWithinLimits(node, large, small, b);
        if (fusedIndices == null) continue;
        left[a] = small;
        right[a] = b;
        indices[a] = fusedIndices;
        log2Size[a] = sizeInSlice(fusedIndices);
        left[node] = large;
        right[node] = a;
        return true;
      }
    }
    return false;
  }

  /**
   * The indices of the fused operand {@code (small, b)} of step {@code node = (large, fused)}, or
   * null when that step is not one a small-operand kernel takes: the fused operand too large, the
   * contracted elements too many, or an index of the fused operand kept (a batch index). The fused
   * operand keeps the indices of {@code small} and {@code b} that {@code large} or the node's output
   * (unchanged by the rewrite) has; the others are contracted inside it.
   */
  private int[] fusedIndicesWithinLimits(int node, int large, int small, int b) {
    stamp++;
    for (int ix : indices[large]) inLarge[ix] = stamp;
    for (int ix : indices[node]) kept[ix] = stamp;
    int[] fused = new int[indices[small].length + indices[b].length];
    int count = 0;
    for (int[] operand : new int[][] {indices[small], indices[b]}) {
      for (int ix : operand) {
        if (seen[ix] == stamp || (inLarge[ix] != stamp && kept[ix] != stamp)) continue;
        seen[ix] = stamp;
        fused[count++] = ix;
      }
    }
    fused = Arrays.copyOf(fused, count);
    Arrays.sort(fused);
    if (sizeInSlice(fused) > limits.maxSmallLog2()) return null;
    int contracted = 0;
    for (int ix : fused) {
      if (inLarge[ix] != stamp || tree.isSliced(ix)) continue;
      if (kept[ix] == stamp) return null;
      contracted += tree.problem().log2Size(ix);
    }
    return contracted <= limits.maxContractedLog2() ? fused : null;
  }

  /** log2 elements of a contraction's tensor within one slice: sliced indices count as size 1. */
  private int sizeInSlice(int[] contractionIndices) {
    int s = 0;
    for (int ix : contractionIndices) if (!tree.isSliced(ix)) s += tree.problem().log2Size(ix);
    return s;
  }

  /** The rewritten tree, renumbered into an SSA path by a post-order walk from the root. */
  private ContractionTree renumbered() {
    int n = tree.numInputs();
    int[] ids = new int[tree.numNodes()];
    int[][] path = new int[n - 1][];
    int steps = 0;
    // iterative post-order: the stem of a Sycamore tree is hundreds of nodes deep
    int[] stack = new int[tree.numNodes()];
    int[] childrenDone = new int[tree.numNodes()];
    int depth = 0;
    stack[depth++] = tree.root();
    while (depth > 0) {
      int v = stack[depth - 1];
      if (v < n) {
        ids[v] = v;
        depth--;
      } else if (childrenDone[v] < 2) {
        stack[depth++] = childrenDone[v]++ == 0 ? left[v] : right[v];
      } else {
        depth--;
        ids[v] = n + steps;
        path[steps++] = new int[] {ids[left[v]], ids[right[v]]};
      }
    }
    return ContractionTree.fromSsaPath(tree.problem(), path, tree.sliced());
  }
}
