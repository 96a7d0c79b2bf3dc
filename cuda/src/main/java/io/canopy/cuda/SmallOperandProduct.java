package io.canopy.cuda;

import static io.canopy.cuda.layout.PairLayout.concat;

import io.canopy.cuda.layout.BitMap;
import io.canopy.cuda.layout.PairLayout;
import io.canopy.cuda.layout.SmallOperandTile;
import jcuda.driver.CUdeviceptr;

/**
 * Contractions of a large tensor with a small one (at most 2^11 elements, 2^6 of them contracted:
 * a gate, a few qubits' worth of a tensor) in one kernel pass that reads the large operand once
 * and writes the result once ({@link SmallOperandTile}). Through cuBLAS such a step was a
 * permutation of the large operand, the block expansion of the small one and a GEMM with 8-128
 * columns, which cuBLAS runs far below the memory bandwidth; the memory-bound trees of the planner
 * are made almost entirely of these steps (docs/benchmarks.md).
 *
 * <p>The result's index order is the large operand's free indices in its order, then the small
 * operand's free indices. Accumulation is in fp32 in both storage types, on the CUDA cores: 4 x
 * 2^k fp32 FMAs per result element for 2^k contracted elements, which makes the steps with 2^3
 * or more contracted elements compute-bound (docs/benchmarks.md); the one such step compared
 * (2^4 contracted, 2^30 elements) was still a little faster than through cuBLAS, and steps like
 * it in the plans sliced to 2^33 run only this way.
 */
final class SmallOperandProduct {
  private SmallOperandProduct() {}

  /** Whether the contraction has a small operand the kernel takes (and no batch indices). */
  static boolean applies(PairLayout layout) {
    if (layout.batch().length > 0) return false;
    int k = layout.log2Contracted();
    boolean aLarge = layout.log2FreeA() >= layout.log2FreeB();
    int smallFree = aLarge ? layout.log2FreeB() : layout.log2FreeA();
    return k <= SmallOperandTile.MAX_CONTRACTED_BITS && smallFree <= SmallOperandTile.MAX_SMALL_FREE_BITS
        && k + smallFree <= SmallOperandTile.MAX_SMALL_BITS;
  }

  /**
   * alpha a . b in storage type {@code t}; with {@code check} non-null also the complex-half check
   * words of the result (largest |part|, NaN/Inf flag; zeroed by the caller).
   */
  static CudaTensor contract(CudaDevice device, CudaBackend owner, CudaTensor a, CudaTensor b, PairLayout layout,
      DType t, float alpha, CUdeviceptr check) {
    // the same choice as applies(): the operand with more free bits is the large one
    boolean aLarge = layout.log2FreeA() >= layout.log2FreeB();
    CudaTensor large = aLarge ? a : b;
    CudaTensor small = aLarge ? b : a;
    int[] freeLarge = aLarge ? layout.freeA() : layout.freeB();
    int[] freeSmall = aLarge ? layout.freeB() : layout.freeA();
    int[] contracted = PairLayout.inOrderOf(layout.contracted(), large.indices());
    SmallOperandTile tile = SmallOperandTile.of(new PairLayout.Operand(large.indices(), large.log2Dims()),
        contracted, sum(layout.log2Sizes(freeSmall)), SmallOperandTile.tileBits(t.bytes));
    int[] outIndices = concat(freeLarge, freeSmall);
    CudaTensor out = owner.allocate(outIndices, layout.log2Sizes(outIndices), t);
    device.kernels().smallOperand(t, large.pointer(), large.size(), small.pointer(), small.size(),
        BitMap.gather(small.indices(), small.log2Dims(), concat(contracted, freeSmall)), out.pointer(), out.size(),
        alpha, tile, check);
    return out;
  }

  private static int sum(int[] values) {
    int s = 0;
    for (int v : values) s += v;
    return s;
  }
}
