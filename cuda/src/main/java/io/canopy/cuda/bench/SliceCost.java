package io.canopy.cuda.bench;

import io.canopy.cuda.ComplexProduct;
import io.canopy.planner.ContractionTree;

/**
 * The work one slice of a plan does when a range of slices runs with the slice-invariant subtrees
 * contracted once per range (as the contractor does): the contractions whose subtree touches a
 * sliced index run every slice, the others once per range and are amortized over it.
 *
 * @param multiplyAdds complex multiply-adds of the whole tree for one slice (cotengra's cost)
 * @param executedMultiplyAdds complex multiply-adds actually run per slice of the range
 * @param executedElementsMoved complex elements each executed contraction must read (both inputs
 *     once) and write (its output once), per slice of the range
 * @param executedRealFlops real flops the complex product runs per slice of the range: 8 per
 *     multiply-add in 4M steps, 6 in 3M steps
 */
public record SliceCost(double multiplyAdds, double executedMultiplyAdds, double executedElementsMoved,
    double executedRealFlops) {

  /** Real flops of one complex multiply-add: four multiplies and four adds. */
  public static final int REAL_FLOPS_PER_MULTIPLY_ADD = 8;

  public static SliceCost of(ContractionTree tree, long sliceCount, ComplexProduct product) {
    int nodes = tree.numNodes();
    double all = 0;
    double perSlice = 0;
    double once = 0;
    double movedPerSlice = 0;
    double movedOnce = 0;
    double realPerSlice = 0;
    double realOnce = 0;
    for (int node = 0; node < nodes; node++) {
      if (tree.isLeaf(node)) continue;
      int l = tree.left(node);
      int r = tree.right(node);
      double flops = Math.pow(2, tree.log2Flops(node));
      double moved = Math.pow(2, tree.log2Size(l)) + Math.pow(2, tree.log2Size(r)) + Math.pow(2, tree.log2Size(node));
      // the networks Canopy contracts have no batch indices: contracted = all indices - kept ones
      int log2Contracted = tree.log2Flops(node) - tree.log2Size(node);
      double real = flops * product.realFlopsPerMultiplyAdd(log2Contracted);
      all += flops;
      if (tree.variesWithSlice(node)) {
        perSlice += flops;
        movedPerSlice += moved;
        realPerSlice += real;
      } else {
        once += flops;
        movedOnce += moved;
        realOnce += real;
      }
    }
    return new SliceCost(all, perSlice + once / sliceCount, movedPerSlice + movedOnce / sliceCount,
        realPerSlice + realOnce / sliceCount);
  }

  /** The same executed work credited with another tree's multiply-adds (the plan's, when a rewrite of it ran). */
  public SliceCost withMultiplyAdds(double planMultiplyAdds) {
    return new SliceCost(planMultiplyAdds, executedMultiplyAdds, executedElementsMoved, executedRealFlops);
  }

  /**
   * Elements of the slice-invariant tensors a contractor keeps on the device for a range: the
   * roots of the largest subtrees no sliced index touches (invariant nodes with a varying parent).
   */
  public static long residentElements(ContractionTree tree) {
    long e = 0;
    for (int node = 0; node < tree.numNodes(); node++) {
      if (tree.isSliceInvariantRoot(node)) e += 1L << tree.log2Size(node);
    }
    return e;
  }

  /**
   * Roofline floor of one slice in seconds: the larger of the executed real flops over the GEMM
   * rate and the bytes that must move over the copy bandwidth.
   */
  public double floorSeconds(double gemmFlops, double copyBytesPerSecond, int bytesPerElement) {
    return Math.max(computeSeconds(gemmFlops), memorySeconds(copyBytesPerSecond, bytesPerElement));
  }

  public double computeSeconds(double gemmFlops) {
    return REAL_FLOPS_PER_MULTIPLY_ADD * executedMultiplyAdds / gemmFlops;
  }

  /** The compute part of the floor with the flops the product really executes. */
  public double executedComputeSeconds(double gemmFlops) {
    return executedRealFlops / gemmFlops;
  }

  public double memorySeconds(double copyBytesPerSecond, int bytesPerElement) {
    return executedElementsMoved * bytesPerElement / copyBytesPerSecond;
  }
}
