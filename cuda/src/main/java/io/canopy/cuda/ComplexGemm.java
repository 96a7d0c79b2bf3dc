package io.canopy.cuda;

import static io.canopy.cuda.layout.PairLayout.concat;
import static jcuda.driver.JCudaDriver.cuMemsetD32;

import io.canopy.cuda.layout.BitMap;
import io.canopy.cuda.layout.PairLayout;
import io.canopy.cuda.memory.DeviceMemoryPool;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.stream.IntStream;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * A pairwise contraction of planar complex tensors as real GEMMs ({@link ComplexProduct}), in fp32
 * or fp16 storage, always with fp32 accumulation ({@link RealGemm}).
 *
 * <p>cuBLAS is column-major; a row-major {@code [rows][cols]} block is its column-major
 * {@code cols x rows} transpose, so the row-major product C = X . Y is issued as
 * C^T = Y^T . X^T with both operands untransposed.
 */
final class ComplexGemm {
  private final CudaDevice device;
  private final DeviceMemoryPool pool;
  private final ComplexProduct product;
  private final boolean tf32;
  private boolean smallOperandKernel = true;
  private boolean smallOperandTensorCores = true;

  ComplexGemm(CudaDevice device, DeviceMemoryPool pool, ComplexProduct product, boolean tf32) {
    this.device = device;
    this.pool = pool;
    this.product = product;
    this.tf32 = tf32;
  }

  ComplexProduct product() { return product; }

  /**
   * The product of {@code a} and {@code b} scaled by {@code alpha}, in storage type {@code t}
   * (both operands must have it). The result's index order is the product's choice.
   */
  CudaTensor contract(CudaBackend owner, CudaTensor a, CudaTensor b, PairLayout layout, DType t, float alpha) {
    return contract(owner, a, b, layout, t, alpha, null);
  }

  /**
   * As {@link #contract(CudaBackend, CudaTensor, CudaTensor, PairLayout, DType, float)}; with
   * {@code check} non-null also writes the result's complex-half check words there (largest
   * |part| and NaN/Inf flag, zeroed by the caller): fused into the small-operand kernel, a
   * separate pass after the other paths.
   */
  CudaTensor contract(CudaBackend owner, CudaTensor a, CudaTensor b, PairLayout layout, DType t, float alpha,
      CUdeviceptr check) {
    boolean smallOutput = isSmallOutput(layout);
    if (takesSmallOperandKernel(layout)) {
      return contractSmallOperand(owner, a, b, layout, t, alpha, check, null, null);
    }
    CudaTensor out;
    if (smallOutput) {
      out = smallProduct(owner, a, b, layout, t, alpha);
    } else if (product.forStep(layout.log2Contracted(), layout.batch().length > 0) == ComplexProduct.BLOCK_4M) {
      out = block4m(owner, a, b, layout, t, alpha);
    } else {
      out = gauss3m(owner, a, b, layout, t, alpha);
    }
    if (check != null) device.kernels().maxAbsCheck(t, out.pointer(), out.reals(), check);
    return out;
  }

  /** Whether this contraction runs as one pass of the small-operand kernel. */
  boolean takesSmallOperandKernel(PairLayout layout) {
    return smallOperandKernel && SmallOperandProduct.takes(layout);
  }

  /**
   * A contraction the small-operand kernel takes ({@link #takesSmallOperandKernel}), with its
   * complex-half check written to {@code check}; {@code maxA} and {@code maxB}, where non-null,
   * point at an operand's largest part still on the device, whose magnitude alpha also removes.
   */
  CudaTensor contractSmallOperand(CudaBackend owner, CudaTensor a, CudaTensor b, PairLayout layout, DType t, float alpha,
      CUdeviceptr check, CUdeviceptr maxA, CUdeviceptr maxB) {
    return SmallOperandProduct.contract(device, owner, a, b, layout, t, alpha, smallOperandTensorCores, check, maxA, maxB);
  }

  /**
   * Whether contractions with a small operand go through {@link SmallOperandProduct} (the
   * default) or, like the others, through cuBLAS; the switch is there to compare the two.
   */
  void smallOperandKernel(boolean on) { smallOperandKernel = on; }

  /**
   * Whether the small-operand kernel uses its tensor-core form in complex-half where the shape
   * allows (the default) or the CUDA cores everywhere; the switch is there to compare the two.
   */
  void smallOperandTensorCores(boolean on) { smallOperandTensorCores = on; }

  /**
   * At most 2^7 result elements from a long contracted dimension: GEMM libraries run such shapes
   * on a few blocks (a dot product of two 2^30-element tensors took 44 s as a 4M GEMM on an H200,
   * a 4 x 32 result from 2^24 contracted elements 28 ms through cuBLAS), so they go to a
   * grid-wide reduction kernel, one row of blocks per 4 x 4 tile of the result.
   */
  static boolean isSmallOutput(PairLayout layout) {
    return layout.batch().length == 0 && layout.log2FreeA() + layout.log2FreeB() <= SMALL_LOG2
        && layout.log2Contracted() >= SMALL_MIN_LOG2_CONTRACTED;
  }

  private static final int SMALL_LOG2 = 7;
  private static final int SMALL_MIN_LOG2_CONTRACTED = 10;

  private CudaTensor smallProduct(CudaBackend owner, CudaTensor a, CudaTensor b, PairLayout layout, DType t, float alpha) {
    int[] contracted = coalescingOrder(layout.contracted(), a, b);
    int[] freeA = layout.freeA();
    int[] freeB = layout.freeB();
    int log2M = layout.log2FreeA();
    int log2N = layout.log2FreeB();
    long outReals = 2L << (log2M + log2N);
    int[] outIndices = concat(freeA, freeB);
    CudaTensor out = owner.allocate(outIndices, layout.log2Sizes(outIndices), t);
    DeviceMemoryPool.Block acc = t == DType.F32 ? null : pool.allocate(outReals * DType.F32.bytes);
    try {
      CUdeviceptr sums = acc == null ? out.pointer() : acc.pointer();
      CudaCheck.driver(cuMemsetD32(sums, 0, outReals), "clearing a small product");
      device.kernels().smallProduct(t, a.pointer(), a.size(), b.pointer(), b.size(), sums, layout.log2Contracted(),
          log2M, log2N, alpha, BitMap.gather(a.indices(), a.log2Dims(), concat(freeA, contracted)),
          BitMap.gather(b.indices(), b.log2Dims(), concat(contracted, freeB)));
      if (acc != null) device.kernels().f32ToF16(acc.pointer(), out.pointer(), outReals, 1f);
      return out;
    } finally {
      if (acc != null) pool.free(acc);
    }
  }

  /** Bits of offset a 32-byte memory sector spans in fp16 (16 elements). */
  private static final int SECTOR_LOG2 = 4;

  /**
   * An order of the contracted indices that both operands can be read in with few memory
   * sectors: fastest, a run of indices that are fastest in {@code a} (so a warp reads whole
   * sectors of a), then a run of indices fastest in {@code b} (so the 256 positions of a block
   * cover whole sectors of b, which stay in cache between the warps that use them), then the
   * rest in a's order.
   */
  static int[] coalescingOrder(int[] contracted, CudaTensor a, CudaTensor b) {
    int[] lowA = fastestContracted(contracted, a, new int[0]);
    int[] lowB = fastestContracted(contracted, b, lowA);
    int[] rest = IntStream.of(PairLayout.inOrderOf(contracted, a.indices()))
        .filter(ix -> !contains(lowA, ix) && !contains(lowB, ix)).toArray();
    return concat(rest, lowB, lowA);
  }

  /** The operand's fastest contracted indices (skipping {@code taken}) spanning a sector, in its order. */
  private static int[] fastestContracted(int[] contracted, CudaTensor t, int[] taken) {
    int[] idx = t.indices();
    int[] dims = t.log2Dims();
    ArrayDeque<Integer> run = new ArrayDeque<>();
    int bits = 0;
    for (int x = idx.length - 1; x >= 0 && bits < SECTOR_LOG2; x--) {
      if (contains(contracted, idx[x]) && !contains(taken, idx[x])) {
        run.addFirst(idx[x]);
        bits += dims[x];
      }
    }
    return run.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean contains(int[] ids, int ix) {
    for (int v : ids) if (v == ix) return true;
    return false;
  }

  private CudaTensor block4m(CudaBackend owner, CudaTensor a, CudaTensor b, PairLayout layout, DType t, float alpha) {
    boolean aKept = a.size() >= b.size();
    CudaTensor kept = aKept ? a : b;
    CudaTensor expanded = aKept ? b : a;
    int[] freeKept = aKept ? layout.freeA() : layout.freeB();
    int[] freeExpanded = aKept ? layout.freeB() : layout.freeA();
    int[] contracted = PairLayout.inOrderOf(layout.contracted(), kept.indices());
    int log2K = layout.log2Contracted();
    int log2M = sum(layout.log2Sizes(freeExpanded));
    int log2N = sum(layout.log2Sizes(freeKept));

    // the kept operand is used as is when its contracted indices are all slower than its free ones
    int[] keptOrder = concat(contracted, freeKept);
    DeviceMemoryPool.Block keptCopy = null;
    if (!Arrays.equals(kept.indices(), keptOrder)) {
      keptCopy = pool.allocate(kept.bytes());
      device.kernels().permute(t, kept.pointer(), keptCopy.pointer(), kept.size(),
          BitMap.gather(kept.indices(), kept.log2Dims(), keptOrder));
    }
    DeviceMemoryPool.Block block = pool.allocate((4L << (log2K + log2M)) * t.bytes);
    try {
      device.kernels().expandBlock(t, expanded.pointer(), block.pointer(), expanded.size(), log2K, log2M,
          BitMap.gather(expanded.indices(), expanded.log2Dims(), concat(freeExpanded, contracted)));
      int[] outIndices = concat(freeExpanded, freeKept);
      CudaTensor out = owner.allocate(outIndices, layout.log2Sizes(outIndices), t);
      long n = 1L << log2N;
      long k2 = 2L << log2K;
      long m2 = 2L << log2M;
      // [Cr | Ci] (n x 2m) = [Lr | Li] (n x 2k) . [[Er, Ei], [-Ei, Er]] (2k x 2m)
      gemm(t, n, m2, k2, keptCopy == null ? kept.pointer() : keptCopy.pointer(), n, n * k2,
          block.pointer(), k2, k2 * m2, out.pointer(), n, n * m2, 1, alpha);
      return out;
    } finally {
      pool.free(block);
      if (keptCopy != null) pool.free(keptCopy);
    }
  }

  private CudaTensor gauss3m(CudaBackend owner, CudaTensor a, CudaTensor b, PairLayout layout, DType t, float alpha) {
    int[] batch = layout.batch();
    // the larger operand's own order: its packing pass then reads runs instead of scattered elements
    int[] contracted = PairLayout.inOrderOf(layout.contracted(), (a.size() >= b.size() ? a : b).indices());
    int[] freeA = layout.freeA();
    int[] freeB = layout.freeB();
    long nb = 1L << layout.log2Batch();
    long m = 1L << layout.log2FreeA();
    long n = 1L << layout.log2FreeB();
    long k = 1L << layout.log2Contracted();
    DeviceMemoryPool.Block xs = pool.allocate(3 * nb * m * k * t.bytes);
    DeviceMemoryPool.Block ys = null;
    DeviceMemoryPool.Block products = null;
    try {
      ys = pool.allocate(3 * nb * k * n * t.bytes);
      products = pool.allocate(3 * nb * m * n * t.bytes);
      device.kernels().packGauss(t, a.pointer(), xs.pointer(), a.size(),
          BitMap.gather(a.indices(), a.log2Dims(), concat(batch, freeA, contracted)));
      device.kernels().packGauss(t, b.pointer(), ys.pointer(), b.size(),
          BitMap.gather(b.indices(), b.log2Dims(), concat(batch, contracted, freeB)));
      // per batch q of (plane, batch): T[q]^T (n x m) = Y[q]^T (n x k) . X[q]^T (k x m)
      gemm(t, n, m, k, ys.pointer(), n, k * n, xs.pointer(), k, m * k, products.pointer(), n, m * n, 3 * nb, alpha);
      int[] outIndices = concat(batch, freeA, freeB);
      CudaTensor out = owner.allocate(outIndices, layout.log2Sizes(outIndices), t);
      device.kernels().combineGauss(t, products.pointer(), out.pointer(), nb * m * n);
      return out;
    } finally {
      pool.free(xs);
      if (ys != null) pool.free(ys);
      if (products != null) pool.free(products);
    }
  }

  private void gemm(DType t, long m, long n, long k, Pointer a, long lda, long strideA, Pointer b, long ldb,
      long strideB, Pointer c, long ldc, long strideC, long batch, float alpha) {
    RealGemm.run(device.cublas(), t, RealGemm.computeType(t, tf32), m, n, k, a, lda, strideA, b, ldb, strideB,
        c, ldc, strideC, batch, alpha);
  }

  private static int sum(int[] values) {
    int s = 0;
    for (int v : values) s += v;
    return s;
  }
}
