package io.canopy.planner;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

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

  private SmallOperandFusion() {}

  /** The tree with every fusible run of small operands fused, and how many steps that removed. */
  public record Result(ContractionTree tree, int fused) {}

  public static Result apply(ContractionTree tree, Limits limits) {
    int fused = 0;
    ContractionTree current = tree;
    for (ContractionTree next = fuseOne(current, limits); next != null; next = fuseOne(current, limits)) {
      current = next;
      fused++;
    }
    return new Result(current, fused);
  }

  /** The tree after the first fusible rewrite in node order, or null when there is none. */
  private static ContractionTree fuseOne(ContractionTree t, Limits limits) {
    for (int node = t.numInputs(); node < t.numNodes(); node++) {
      for (int side = 0; side < 2; side++) {
        int a = side == 0 ? t.left(node) : t.right(node);
        int b = side == 0 ? t.right(node) : t.left(node);
        if (t.isLeaf(a) || t.log2Size(b) > limits.maxSmallLog2() || t.log2Size(a) < limits.minLargeLog2()) continue;
        for (int inner = 0; inner < 2; inner++) {
          int large = inner == 0 ? t.left(a) : t.right(a);
          int small = inner == 0 ? t.right(a) : t.left(a);
          if (t.log2Size(large) < limits.minLargeLog2() || t.log2Size(small) > limits.maxSmallLog2()) continue;
          Rewrite r = rewritten(t, node, a, large, small, b);
          if (withinLimits(r.tree(), r.ids()[node], r.ids()[large], r.ids()[a], limits)) return r.tree();
        }
      }
    }
    return null;
  }

  /** A rewritten tree and where each node of the old tree went in it. */
  private record Rewrite(ContractionTree tree, int[] ids) {}

  /**
   * {@code node = (a, b)} with {@code a = (large, small)} rewritten as
   * {@code node = (large, a)} with {@code a = (small, b)}, renumbered into an SSA path by a
   * post-order walk.
   */
  private static Rewrite rewritten(ContractionTree t, int node, int a, int large, int small, int b) {
    int[] left = new int[t.numNodes()];
    int[] right = new int[t.numNodes()];
    for (int v = t.numInputs(); v < t.numNodes(); v++) {
      left[v] = t.left(v);
      right[v] = t.right(v);
    }
    left[a] = small;
    right[a] = b;
    left[node] = large;
    right[node] = a;
    int n = t.numInputs();
    int[] ids = new int[t.numNodes()];
    for (int v = 0; v < n; v++) ids[v] = v;
    List<int[]> path = new ArrayList<>();
    // iterative post-order: the stem of a Sycamore tree is hundreds of nodes deep
    List<int[]> stack = new ArrayList<>();
    stack.add(new int[] {t.root(), 0});
    while (!stack.isEmpty()) {
      int[] top = stack.get(stack.size() - 1);
      int v = top[0];
      if (v < n) {
        stack.remove(stack.size() - 1);
      } else if (top[1] < 2) {
        stack.add(new int[] {top[1]++ == 0 ? left[v] : right[v], 0});
      } else {
        stack.remove(stack.size() - 1);
        ids[v] = n + path.size();
        path.add(new int[] {ids[left[v]], ids[right[v]]});
      }
    }
    return new Rewrite(ContractionTree.fromSsaPath(t.problem(), path.toArray(new int[0][]), t.sliced()), ids);
  }

  /**
   * Whether step {@code v = (large, fused)} is one a small-operand kernel takes: the fused operand
   * small enough, the contracted elements few enough, and no index of the fused operand kept.
   */
  private static boolean withinLimits(ContractionTree c, int v, int large, int fused, Limits limits) {
    if (c.log2Size(fused) > limits.maxSmallLog2()) return false;
    BitSet kept = bits(c.indices(v));
    BitSet inLarge = bits(c.indices(large));
    int contracted = 0;
    for (int ix : c.indices(fused)) {
      if (!inLarge.get(ix) || c.isSliced(ix)) continue;
      if (kept.get(ix)) return false;
      contracted += c.problem().log2Size(ix);
    }
    return contracted <= limits.maxContractedLog2();
  }

  private static BitSet bits(int[] indices) {
    BitSet b = new BitSet();
    for (int ix : indices) b.set(ix);
    return b;
  }
}
