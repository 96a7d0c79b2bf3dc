package io.canopy.planner;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * Chooses indices to slice so that every intermediate of one slice fits a target size, after
 * cotengra's {@code SliceFinder}: greedily, one index at a time, among the indices of the
 * currently largest intermediates, the one whose slicing leaves the least total work.
 *
 * <p>Slicing index {@code i} of size {@code s} divides the cost of every contraction that involves
 * {@code i} by {@code s} and multiplies the number of slices by {@code s}, so with {@code F} the
 * per-slice cost and {@code F_i} the part of it from contractions involving {@code i}, the new total
 * is {@code s (F - F_i) + F_i}. One pass over the tree gives {@code F_i} for all indices, so each
 * step costs O(N k) for N nodes of at most k indices. Output indices are never sliced (a slice
 * sums into the whole output).
 */
public final class Slicer {
  private final ContractionTree tree;
  private final ContractionProblem problem;
  /** Per node: for a leaf its distinct indices, for a contraction the union of its children's. */
  private final int[][] contractionIndices;
  private final int[][] nodeIndices;
  private final BitSet output = new BitSet();

  public Slicer(ContractionTree tree) {
    this.tree = tree;
    this.problem = tree.problem();
    for (int ix : problem.output()) output.set(ix);
    int nodes = tree.numNodes();
    nodeIndices = new int[nodes][];
    contractionIndices = new int[nodes][];
    for (int node = 0; node < nodes; node++) {
      nodeIndices[node] = Arrays.stream(tree.indices(node)).distinct().toArray();
      contractionIndices[node] = tree.isLeaf(node) ? nodeIndices[node]
          : union(tree.indices(tree.left(node)), tree.indices(tree.right(node)));
    }
  }

  private static int[] union(int[] a, int[] b) {
    return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().toArray();
  }

  /**
   * Slices the tree (keeping any indices it already slices) until its largest intermediate per
   * slice is at most {@code 2^targetLog2Size} elements.
   *
   * @throws IllegalArgumentException if the target is negative or below what slicing can reach
   */
  public static ContractionTree slice(ContractionTree tree, int targetLog2Size) {
    return new Slicer(tree).sliceTo(targetLog2Size);
  }

  /** See {@link #slice}. */
  public ContractionTree sliceTo(int targetLog2Size) {
    checkTarget(problem, targetLog2Size);
    BitSet sliced = new BitSet();
    for (int ix : tree.sliced()) sliced.set(ix);
    while (true) {
      int max = maxLog2Size(sliced);
      if (max <= targetLog2Size) break;
      sliced.set(bestIndexToSlice(sliced, max));
    }
    return tree.withSliced(sliced.stream().toArray());
  }

  /**
   * Unslices indices the target does not need: repeatedly drops the sliced index whose removal
   * lowers the total cost most while every intermediate stays within {@code 2^targetLog2Size}.
   * Slicing chosen step by step, or for an earlier tree, often holds indices that later choices
   * made redundant; each one dropped halves (or better) the slice count.
   */
  public static ContractionTree trim(ContractionTree tree, int targetLog2Size) {
    ContractionTree current = tree;
    while (true) {
      int[] sliced = current.sliced();
      ContractionTree best = null;
      for (int i = 0; i < sliced.length; i++) {
        int[] fewer = new int[sliced.length - 1];
        System.arraycopy(sliced, 0, fewer, 0, i);
        System.arraycopy(sliced, i + 1, fewer, i, sliced.length - 1 - i);
        ContractionTree candidate = current.withSliced(fewer);
        if (candidate.log2MaxSize() <= targetLog2Size
            && (best == null || candidate.log10Flops() < best.log10Flops())) {
          best = candidate;
        }
      }
      if (best == null || !(best.log10Flops() < current.log10Flops())) return current;
      current = best;
    }
  }

  /**
   * Checks that slicing can reach {@code 2^targetLog2Size}: output indices are never sliced and
   * the root holds all of them, so the output's size is the floor.
   *
   * @throws IllegalArgumentException if the target is negative or below the output's size
   */
  public static void checkTarget(ContractionProblem problem, int targetLog2Size) {
    if (targetLog2Size < 0) {
      throw new IllegalArgumentException("slicing target 2^" + targetLog2Size + " is negative");
    }
    int floor = 0;
    for (int ix : problem.output()) floor += problem.log2Size(ix);
    if (floor > targetLog2Size) {
      throw new IllegalArgumentException("slicing target 2^" + targetLog2Size
          + " is unreachable: output indices are never sliced and the output has 2^" + floor + " elements");
    }
  }

  private int log2Size(int[] indices, BitSet sliced) {
    int s = 0;
    for (int ix : indices) if (!sliced.get(ix)) s += problem.log2Size(ix);
    return s;
  }

  private int maxLog2Size(BitSet sliced) {
    int m = 0;
    for (int[] ix : nodeIndices) m = Math.max(m, log2Size(ix, sliced));
    return m;
  }

  /**
   * Among the sliceable indices of the largest intermediates, the one leaving the least total
   * cost; ties go to the index in most of the largest intermediates, then the lowest id.
   */
  private int bestIndexToSlice(BitSet sliced, int maxLog2Size) {
    int numIx = problem.numIndices();
    int[] inLargest = new int[numIx];
    for (int[] ix : nodeIndices) {
      if (log2Size(ix, sliced) != maxLog2Size) continue;
      for (int i : ix) if (!sliced.get(i) && !output.get(i)) inLargest[i]++;
    }
    double total = 0;
    double[] involving = new double[numIx];
    for (int node = tree.numInputs(); node < tree.numNodes(); node++) {
      double f = Math.scalb(1.0, log2Size(contractionIndices[node], sliced));
      total += f;
      for (int i : contractionIndices[node]) involving[i] += f;
    }
    int best = -1;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int i = 0; i < numIx; i++) {
      if (inLargest[i] == 0 || problem.log2Size(i) == 0) continue;
      double cost = Math.scalb(total - involving[i], problem.log2Size(i)) + involving[i];
      if (cost < bestCost || (cost == bestCost && inLargest[i] > inLargest[best])) {
        best = i;
        bestCost = cost;
      }
    }
    if (best < 0) throw new IllegalStateException("no sliceable index in the largest intermediate");
    return best;
  }
}
