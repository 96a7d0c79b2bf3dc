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
 * operand's free indices. Accumulation is in fp32 in both storage types. Both run on the tensor
 * cores where the shape allows ({@link Kernels#smallOperandOnTensorCores}): the small operand in
 * its 4M block form is a tiny real matrix, the large operand's tile a real matrix of (re, im)
 * pairs, and mma.sync multiplies them, in fp16 for complex-half and in 3xTF32 for complex64 (each
 * fp32 value split in two TF32 parts, three products). On the CUDA cores a result element takes
 * 4 x 2^k fp32 FMAs for 2^k contracted elements, which made complex64 steps with 2^3 or more
 * contracted elements compute-bound (docs/benchmarks.md).
 */
public final class SmallOperandProduct {
  private SmallOperandProduct() {}

  /**
   * Whether the backend sends the contraction to this kernel when it is switched on: it has a
   * small operand the kernel takes, and its result is not one of the tiny ones a reduction kernel
   * computes instead. Such a step needs no scratch beside its result ({@code MemoryPlan}).
   */
  public static boolean takes(PairLayout layout) {
    return !ComplexGemm.isSmallOutput(layout) && applies(layout);
  }

  /** Whether the contraction has a small operand the kernel takes (and no batch indices). */
  static boolean applies(PairLayout layout) {
    if (layout.batch().length > 0) return false;
    int k = layout.log2Contracted();
    int smallFree = largeIsA(layout) ? layout.log2FreeB() : layout.log2FreeA();
    return k <= SmallOperandTile.MAX_CONTRACTED_BITS && smallFree <= SmallOperandTile.MAX_SMALL_FREE_BITS
        && k + smallFree <= SmallOperandTile.MAX_SMALL_BITS;
  }

  /**
   * alpha a . b in storage type {@code t}, in complex-half on the tensor cores where
   * {@code tensorCores} and the shape allow ({@link Kernels#smallOperandOnTensorCores}); with
   * {@code check} non-null also the complex-half check words of the result (largest |part|,
   * NaN/Inf flag; zeroed by the caller). {@code maxA} and {@code maxB}, where non-null, point at
   * an operand's largest part still on the device: alpha is also divided by its magnitude.
   */
  static CudaTensor contract(CudaDevice device, CudaBackend owner, CudaTensor a, CudaTensor b, PairLayout layout,
      DType t, float alpha, boolean tensorCores, CUdeviceptr check, CUdeviceptr maxA, CUdeviceptr maxB) {
    boolean aLarge = largeIsA(layout);
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
        alpha, tile, tensorCores, check, aLarge ? maxA : maxB, aLarge ? maxB : maxA);
    return out;
  }

  /** Which operand is the large one: the one with more free bits ({@code a} on a tie). */
  private static boolean largeIsA(PairLayout layout) {
    return layout.log2FreeA() >= layout.log2FreeB();
  }

  private static int sum(int[] values) {
    int s = 0;
    for (int v : values) s += v;
    return s;
  }
}
