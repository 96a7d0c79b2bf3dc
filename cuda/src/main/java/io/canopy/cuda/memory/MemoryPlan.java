package io.canopy.cuda.memory;

import io.canopy.contractor.Precision;
import io.canopy.cuda.ComplexProduct;
import io.canopy.cuda.SmallOperandProduct;
import io.canopy.cuda.layout.PairLayout;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import java.util.stream.IntStream;

/**
 * Device memory one slice of a plan needs: the most bytes alive at once while its contraction
 * tree runs in SSA order. Counted: every input of the slice (uploaded before the first step and
 * freed when consumed), the intermediates alive at each step, that step's output and scratch, and
 * the fp32 slice sum. Steps that take the small-operand kernel ({@link SmallOperandProduct#takes})
 * need no scratch: they read their operands and write their result, nothing else. For complex-half it also counts what recomputing the largest step in
 * complex64 would take (fp32 copies of its operands, scratch and result), which happens when a
 * half step overflows.
 *
 * @param bytes bytes the normal path needs
 * @param bytesWithFallback bytes when any one step is recomputed in complex64 (equal to
 *     {@code bytes} for complex64)
 */
public record MemoryPlan(long bytes, long bytesWithFallback) {

  private static final int FP32_COMPLEX_BYTES = 8;

  /** The plan's memory with the small-operand kernel on, as the backend runs by default. */
  public static MemoryPlan of(Plan plan, Precision precision, ComplexProduct product) {
    return of(plan, precision, product, true);
  }

  /**
   * The plan's memory; {@code smallOperandKernel} says whether steps with a small operand take
   * that kernel (the backend's switch) or a GEMM path with its scratch.
   */
  public static MemoryPlan of(Plan plan, Precision precision, ComplexProduct product, boolean smallOperandKernel) {
    int elementBytes = elementBytes(precision);
    ContractionTree tree = plan.tree();
    int n = tree.numInputs();
    double live = 0;
    for (int leaf = 0; leaf < n; leaf++) live += Math.pow(2, tree.log2Size(leaf));
    live *= elementBytes;
    double sum = FP32_COMPLEX_BYTES * Math.pow(2, tree.log2Size(tree.root()));
    double peak = live + sum;
    double peakFallback = peak;
    for (int node = n; node < tree.numNodes(); node++) {
      int la = tree.log2Size(tree.left(node));
      int lb = tree.log2Size(tree.right(node));
      int lc = tree.log2Size(node);
      double out = Math.pow(2, lc);
      double ws = smallOperandKernel && SmallOperandProduct.takes(layout(tree, node)) ? 0
          : product.workspaceElements(la, lb, lc, false);
      double step = live + sum + elementBytes * (out + ws);
      peak = Math.max(peak, step);
      if (precision == Precision.COMPLEX_HALF) {
        double promoted = FP32_COMPLEX_BYTES * (Math.pow(2, la) + Math.pow(2, lb) + out + ws);
        peakFallback = Math.max(peakFallback, step + promoted);
      }
      live += elementBytes * (out - Math.pow(2, la) - Math.pow(2, lb));
    }
    return new MemoryPlan((long) Math.ceil(peak), (long) Math.ceil(Math.max(peak, peakFallback)));
  }

  /** The index roles of the contraction that makes {@code node}, over the indices a slice keeps. */
  private static PairLayout layout(ContractionTree tree, int node) {
    return PairLayout.of(operand(tree, tree.left(node)), operand(tree, tree.right(node)),
        unsliced(tree, tree.indices(node)));
  }

  private static PairLayout.Operand operand(ContractionTree tree, int node) {
    int[] indices = unsliced(tree, tree.indices(node));
    int[] log2Dims = new int[indices.length];
    for (int i = 0; i < indices.length; i++) log2Dims[i] = tree.problem().log2Size(indices[i]);
    return new PairLayout.Operand(indices, log2Dims);
  }

  private static int[] unsliced(ContractionTree tree, int[] indices) {
    return IntStream.of(indices).filter(ix -> !tree.isSliced(ix)).toArray();
  }

  /**
   * This plan plus tensors kept resident beside it, such as the slice-invariant subtrees a
   * contractor keeps for a range of slices.
   */
  public MemoryPlan withResident(long elements, Precision precision) {
    long extra = elements * elementBytes(precision);
    return new MemoryPlan(bytes + extra, bytesWithFallback + extra);
  }

  /** A plan of a known size, for work that is not a contraction tree (pair contractions, probes). */
  public static MemoryPlan ofBytes(long bytes) { return new MemoryPlan(bytes, bytes); }

  /** Bytes of one complex element in device memory for the GPU precisions. */
  public static int elementBytes(Precision precision) {
    if (precision == Precision.COMPLEX128) {
      throw new IllegalArgumentException("the GPU backend contracts in complex64 or complex-half, not complex128");
    }
    return precision.bytesPerElement();
  }
}
