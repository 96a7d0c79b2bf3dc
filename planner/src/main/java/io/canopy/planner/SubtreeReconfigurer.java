package io.canopy.planner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Improves a contraction tree by re-contracting its subtrees optimally, after cotengra's
 * {@code subtree_reconfigure} (itself after Gray and Kourtis, "Hyper-optimized tensor network
 * contraction", Quantum 5, 410 (2021)).
 *
 * <p>A sweep visits the contractions from the most to the least expensive. At each, it grows a
 * subtree downwards, always opening the largest tensor of its frontier, until the frontier has
 * {@code subtreeSize} tensors; then it finds the cheapest way to contract that frontier into the
 * subtree's root by dynamic programming over subsets (for every subset, the cheapest split into
 * two parts), and substitutes it when it costs strictly less. Sweeps repeat until one changes
 * nothing. The cost never increases, and the tree's root keeps its indices.
 *
 * <p>Cost is the per-slice multiply-add count of the tree's own slicing (sliced indices weigh
 * nothing), plus {@code writeWeight} times the elements written (cotengra's "combo"). With a size
 * cap, no new intermediate may exceed {@code 2^maxLog2Size} elements, so a sliced tree stays
 * within its target.
 *
 * <p>Running time per subtree: O(3^k W) for frontier size k and W machine words per index set
 * (indices are expanded to one bit per log2 unit so a population count gives log2 sizes);
 * a sweep visits every contraction once.
 */
public final class SubtreeReconfigurer {
  /** Relative margin by which a replacement must be cheaper, so rounding cannot cause cycles. */
  private static final double MIN_GAIN = 1e-9;
  private static final int MAX_SWEEPS = 50;

  private final int subtreeSize;
  private final int maxLog2Size;
  private final double writeWeight;

  /**
   * @param subtreeSize frontier size k of the subtrees re-contracted, 2 to 16 (cost grows as 3^k)
   * @param maxLog2Size no new intermediate may exceed 2^maxLog2Size elements per slice;
   *     {@link Integer#MAX_VALUE} for no cap
   * @param writeWeight weight of written elements next to multiply-adds, 0 for flops alone
   */
  public SubtreeReconfigurer(int subtreeSize, int maxLog2Size, double writeWeight) {
    if (subtreeSize < 2 || subtreeSize > 16) {
      throw new IllegalArgumentException("subtree size must be 2..16, got " + subtreeSize);
    }
    if (!(writeWeight >= 0)) throw new IllegalArgumentException("write weight must be >= 0, got " + writeWeight);
    this.subtreeSize = subtreeSize;
    this.maxLog2Size = maxLog2Size;
    this.writeWeight = writeWeight;
  }

  /** Minimizes flops alone, with no size cap. */
  public SubtreeReconfigurer(int subtreeSize) {
    this(subtreeSize, Integer.MAX_VALUE, 0);
  }

  /** Sweeps until a sweep changes nothing; returns the improved tree with the same slicing. */
  public ContractionTree reconfigure(ContractionTree tree) {
    Work w = new Work(tree);
    for (int sweep = 0; sweep < MAX_SWEEPS && w.sweep(); sweep++) {
      // each sweep that improves the tree is followed by another
    }
    return w.toTree();
  }

  /** The mutable tree of one reconfiguration. */
  private final class Work {
    private final ContractionTree original;
    private final ContractionProblem problem;
    private final int n;
    private final int[] left;
    private final int[] right;
    /** Per node: the indices it keeps that weigh something (not sliced, size above 1), sorted. */
    private final int[][] legs;
    /** Per index: bit offset in the current subtree's local space, or -1. */
    private final int[] localOffset;
    private final int[] weight;

    Work(ContractionTree tree) {
      this.original = tree;
      this.problem = tree.problem();
      this.n = tree.numInputs();
      int nodes = tree.numNodes();
      left = new int[nodes];
      right = new int[nodes];
      legs = new int[nodes][];
      weight = new int[problem.numIndices()];
      for (int ix = 0; ix < weight.length; ix++) weight[ix] = tree.isSliced(ix) ? 0 : problem.log2Size(ix);
      for (int node = 0; node < nodes; node++) {
        left[node] = tree.isLeaf(node) ? -1 : tree.left(node);
        right[node] = tree.isLeaf(node) ? -1 : tree.right(node);
        legs[node] = Arrays.stream(tree.indices(node)).filter(ix -> weight[ix] > 0).distinct().sorted().toArray();
      }
      localOffset = new int[problem.numIndices()];
      Arrays.fill(localOffset, -1);
    }

    private int log2Size(int node) {
      int s = 0;
      for (int ix : legs[node]) s += weight[ix];
      return s;
    }

    private int log2Flops(int node) {
      int s = log2Size(left[node]);
      for (int ix : legs[right[node]]) if (Arrays.binarySearch(legs[left[node]], ix) < 0) s += weight[ix];
      return s;
    }

    /** One sweep over the contractions, most expensive first; true if anything changed. */
    boolean sweep() {
      Integer[] order = new Integer[left.length - n];
      for (int i = 0; i < order.length; i++) order[i] = n + i;
      int[] flops = new int[left.length];
      for (int node = n; node < left.length; node++) flops[node] = log2Flops(node);
      Arrays.sort(order, (a, b) -> flops[a] != flops[b] ? Integer.compare(flops[b], flops[a]) : Integer.compare(a, b));
      boolean changed = false;
      for (int node : order) changed |= optimize(node);
      return changed;
    }

    /** Grows the subtree under {@code root} and replaces it by the best one; true if replaced. */
    private boolean optimize(int root) {
      List<Integer> frontier = new ArrayList<>(List.of(left[root], right[root]));
      List<Integer> internal = new ArrayList<>(List.of(root));
      while (frontier.size() < subtreeSize) {
        int open = -1;
        for (int i = 0; i < frontier.size(); i++) {
          int f = frontier.get(i);
          if (left[f] >= 0 && (open < 0 || log2Size(f) > log2Size(frontier.get(open)))) open = i;
        }
        if (open < 0) break;
        int f = frontier.remove(open);
        internal.add(f);
        frontier.add(left[f]);
        frontier.add(right[f]);
      }
      if (frontier.size() < 3) return false;
      Subsets dp = new Subsets(frontier, root);
      double current = dp.costOf(root, frontier);
      double best = dp.solve();
      if (!(best < current * (1 - MIN_GAIN))) return false;
      Deque<Integer> free = new ArrayDeque<>(internal.subList(1, internal.size()));
      dp.build(root, (1 << frontier.size()) - 1, free);
      return true;
    }

    /** Dynamic programming over the subsets of one subtree's frontier. */
    private final class Subsets {
      private final int[] frontier;
      private final int k;
      private final int words;
      private final long[][] union;
      private final long[][] kept;
      private final int[] keptLog2;
      private final double[] cost;
      private final int[] split;
      private final int[] localIndices;

      Subsets(List<Integer> frontierNodes, int root) {
        frontier = frontierNodes.stream().mapToInt(Integer::intValue).toArray();
        k = frontier.length;
        int bits = 0;
        List<Integer> locals = new ArrayList<>();
        for (int f : frontier) {
          for (int ix : legs[f]) {
            if (localOffset[ix] < 0) {
              localOffset[ix] = bits;
              bits += weight[ix];
              locals.add(ix);
            }
          }
        }
        localIndices = locals.stream().mapToInt(Integer::intValue).toArray();
        words = Math.max(1, (bits + 63) >>> 6);
        int subsets = 1 << k;
        union = new long[subsets][];
        kept = new long[subsets][];
        keptLog2 = new int[subsets];
        cost = new double[subsets];
        split = new int[subsets];
        union[0] = new long[words];
        long[][] single = new long[k][];
        for (int i = 0; i < k; i++) single[i] = bitsOf(legs[frontier[i]]);
        long[] rootBits = bitsOf(legs[root]);
        for (int s = 1; s < subsets; s++) {
          int low = Integer.numberOfTrailingZeros(s);
          union[s] = or(union[s & (s - 1)], single[low]);
        }
        int full = subsets - 1;
        for (int s = 1; s < subsets; s++) {
          long[] outside = or(union[full & ~s], rootBits);
          long[] k2 = new long[words];
          int pop = 0;
          for (int w = 0; w < words; w++) {
            k2[w] = union[s][w] & outside[w];
            pop += Long.bitCount(k2[w]);
          }
          kept[s] = k2;
          keptLog2[s] = pop;
        }
        for (int ix : localIndices) localOffset[ix] = -1;
      }

      private long[] bitsOf(int[] indices) {
        long[] b = new long[words];
        for (int ix : indices) {
          int off = localOffset[ix];
          if (off < 0) continue;
          for (int j = 0; j < weight[ix]; j++) b[(off + j) >>> 6] |= 1L << ((off + j) & 63);
        }
        return b;
      }

      private long[] or(long[] a, long[] b) {
        long[] c = new long[words];
        for (int w = 0; w < words; w++) c[w] = a[w] | b[w];
        return c;
      }

      /** Cost of contracting subsets a and b (disjoint) into a | b. */
      private double pairCost(int a, int b) {
        int pop = 0;
        long[] ka = kept[a];
        long[] kb = kept[b];
        for (int w = 0; w < words; w++) pop += Long.bitCount(ka[w] | kb[w]);
        double c = Math.scalb(1.0, pop);
        return writeWeight > 0 ? c + writeWeight * Math.scalb(1.0, keptLog2[a | b]) : c;
      }

      private boolean fits(int s) {
        return s == (1 << k) - 1 || Integer.bitCount(s) == 1 || keptLog2[s] <= maxLog2Size;
      }

      /** The cost of the subtree as it is now (infinite if it breaks the size cap). */
      double costOf(int root, List<Integer> frontierNodes) {
        double[] total = new double[1];
        maskOf(root, total);
        return total[0];
      }

      private int maskOf(int node, double[] total) {
        for (int i = 0; i < k; i++) if (frontier[i] == node) return 1 << i;
        int a = maskOf(left[node], total);
        int b = maskOf(right[node], total);
        total[0] += fits(a | b) ? pairCost(a, b) : Double.POSITIVE_INFINITY;
        return a | b;
      }

      /** The cheapest cost of the whole frontier. */
      double solve() {
        int subsets = 1 << k;
        for (int s = 1; s < subsets; s++) {
          if (Integer.bitCount(s) == 1) {
            cost[s] = 0;
            continue;
          }
          cost[s] = Double.POSITIVE_INFINITY;
          if (!fits(s)) continue;
          int low = s & -s;
          int rest = s ^ low;
          // a ranges over the subsets of s that contain its lowest member, except s itself
          for (int sub = (rest - 1) & rest; ; sub = (sub - 1) & rest) {
            int a = sub | low;
            int b = s ^ a;
            double c = cost[a] + cost[b];
            if (c < cost[s]) {
              c += pairCost(a, b);
              if (c < cost[s]) {
                cost[s] = c;
                split[s] = a;
              }
            }
            if (sub == 0) break;
          }
        }
        return cost[subsets - 1];
      }

      /** Rebuilds the subtree for subset {@code s} at {@code node}, taking node ids from free. */
      void build(int node, int s, Deque<Integer> free) {
        int a = split[s];
        int b = s ^ a;
        left[node] = childFor(a, free);
        right[node] = childFor(b, free);
        legs[node] = legsOf(s);
      }

      private int childFor(int s, Deque<Integer> free) {
        if (Integer.bitCount(s) == 1) return frontier[Integer.numberOfTrailingZeros(s)];
        int node = free.pop();
        build(node, s, free);
        return node;
      }

      private int[] legsOf(int s) {
        List<Integer> out = new ArrayList<>();
        int bits = 0;
        for (int ix : localIndices) {
          if ((kept[s][bits >>> 6] & (1L << (bits & 63))) != 0) out.add(ix);
          bits += weight[ix];
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
      }
    }

    /** The tree in SSA form: internal nodes renumbered in post-order. */
    ContractionTree toTree() {
      int root = original.root();
      int[][] path = new int[left.length - n][];
      int[] ssa = new int[left.length];
      for (int i = 0; i < n; i++) ssa[i] = i;
      int next = n;
      Deque<int[]> stack = new ArrayDeque<>();
      stack.push(new int[] {root, 0});
      while (!stack.isEmpty()) {
        int[] top = stack.peek();
        int node = top[0];
        if (node < n) {
          stack.pop();
          continue;
        }
        if (top[1] == 0) {
          top[1] = 1;
          stack.push(new int[] {left[node], 0});
        } else if (top[1] == 1) {
          top[1] = 2;
          stack.push(new int[] {right[node], 0});
        } else {
          stack.pop();
          ssa[node] = next;
          path[next - n] = new int[] {ssa[left[node]], ssa[right[node]]};
          next++;
        }
      }
      if (n == 1) return original;
      return ContractionTree.fromSsaPath(problem, path, original.sliced());
    }
  }
}
