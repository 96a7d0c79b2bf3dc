package io.canopy.cuda;

import static io.canopy.cuda.CudaCheck.driver;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import io.canopy.cuda.layout.BitMap;
import io.canopy.cuda.layout.SmallOperandTile;
import io.canopy.cuda.layout.TransposeTile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;

/**
 * The kernels of {@code src/main/cuda/canopy_kernels.cu}, loaded from the PTX the build put on
 * the class path, with one typed method per kernel. Launches are asynchronous on the default
 * stream; errors surface at the next synchronization.
 */
final class Kernels implements AutoCloseable {
  static final String PTX_RESOURCE = "canopy_kernels.ptx";
  /** Threads per block; the tiled permutation kernel is written for exactly this many. */
  private static final int BLOCK = 256;
  /** Bytes the run gather moves per access (a uint4). */
  private static final int RUN_BYTES = 16;

  private final CUmodule module = new CUmodule();
  private final Map<String, CUfunction> functions = new HashMap<>();
  /** Kernels whose dynamic shared memory limit has been raised. */
  private final Set<String> sharedRaised = new HashSet<>();
  private final int maxBlocks;
  /** Multiprocessors: a small-operand launch is a persistent grid of as many blocks as fit at once. */
  private final int multiprocessors;

  /** Small-operand blocks resident on a multiprocessor, by registers (canopy_kernels.cu, SK_BLOCKS_PER_SM). */
  private static final int BLOCKS_PER_MULTIPROCESSOR = 3;

  Kernels(CudaDevice device) {
    byte[] ptx = readPtx();
    driver(cuModuleLoadData(module, Arrays.copyOf(ptx, ptx.length + 1)), "loading " + PTX_RESOURCE);
    // enough blocks to fill every multiprocessor several times; the kernels stride over the rest
    this.maxBlocks = device.multiprocessors() * 32;
    this.multiprocessors = device.multiprocessors();
  }

  private static byte[] readPtx() {
    try (InputStream in = Kernels.class.getResourceAsStream(PTX_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(PTX_RESOURCE + " is not on the class path: canopy-cuda was built "
            + "without nvcc (install the CUDA toolkit and rebuild)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + PTX_RESOURCE, e);
    }
  }

  /**
   * out = in laid out through {@code map}: tiled through shared memory when the permutation moves
   * the fastest bits (reads and writes both in runs of 64 elements, pairs per access), in 16-byte
   * runs when enough of the fastest bits stay in place, element by element otherwise (small
   * tensors).
   */
  void permute(DType t, CUdeviceptr in, CUdeviceptr out, long n, BitMap map) {
    switch (permutationKernel(t, map)) {
      case TILED -> {
        TransposeTile tile = TransposeTile.of(map).orElseThrow();
        launchBlocks("permute_tiled_" + t.suffix, blocksFor(tile.tiles()), in, out, n, map, tile);
      }
      case RUNS -> {
        int log2Run = log2RunElements(t);
        long runs = n >> log2Run;
        launch("permute_runs", runs, in, out, runs, log2Run, map);
      }
      case GATHER -> permuteGather(t, in, out, n, map);
    }
  }

  /** The permutation kernels, in order of preference. */
  enum PermutationKernel { TILED, RUNS, GATHER }

  /** Which kernel {@link #permute} runs for {@code map} on elements of type {@code t}. */
  static PermutationKernel permutationKernel(DType t, BitMap map) {
    if (TransposeTile.of(map).isPresent()) return PermutationKernel.TILED;
    return keepsFastestBits(map, log2RunElements(t)) ? PermutationKernel.RUNS : PermutationKernel.GATHER;
  }

  private static int log2RunElements(DType t) {
    return Integer.numberOfTrailingZeros(RUN_BYTES / t.bytes);
  }

  /** Whether the fastest {@code log2Run} bits stay in place (so a run of that many elements moves whole). */
  private static boolean keepsFastestBits(BitMap map, int log2Run) {
    if (map.bits() < log2Run) return false;
    for (int p = 0; p < log2Run; p++) if (map.inputBit(p) != p) return false;
    return true;
  }

  /** The plain gather: writes in order, reads through the map (coalesced only if the fastest bits stay). */
  void permuteGather(DType t, CUdeviceptr in, CUdeviceptr out, long n, BitMap map) {
    launch("permute_" + t.suffix, n, in, out, n, map);
  }

  void expandBlock(DType t, CUdeviceptr e, CUdeviceptr out, long n, int log2K, int log2M, BitMap map) {
    launch("expand_block_" + t.suffix, 4L << (log2K + log2M), e, out, n, log2K, log2M, map);
  }

  void packGauss(DType t, CUdeviceptr in, CUdeviceptr out, long n, BitMap map) {
    launch("pack_gauss_" + t.suffix, n, in, out, n, map);
  }

  void combineGauss(DType t, CUdeviceptr products, CUdeviceptr out, long n) {
    launch("combine_gauss_" + t.suffix, n, products, out, n);
  }

  /**
   * acc (2 m n floats, zeroed) += alpha A B for a small output (ComplexGemm.isSmallOutput): one
   * grid row of blocks per 4 x 4 tile of the output, together about as many blocks as one
   * reduction would take.
   */
  void smallProduct(DType t, CUdeviceptr a, long na, CUdeviceptr b, long nb, CUdeviceptr acc, int log2K, int log2M,
      int log2N, float alpha, BitMap mapA, BitMap mapB) {
    int rowTiles = (1 << Math.max(0, log2M - SMALL_PRODUCT_TILE_BITS));
    int columnTiles = (1 << Math.max(0, log2N - SMALL_PRODUCT_TILE_BITS));
    int blocks = Math.max(1, blocksFor(((1L << log2K) + BLOCK - 1) / BLOCK) / (rowTiles * columnTiles));
    launchGrid("small_product_" + t.suffix, blocks, columnTiles, rowTiles, a, na, b, nb, acc, log2K, log2M, log2N,
        alpha, mapA, mapB);
  }

  /** log2 of the side of the output tile one block of the small product sums (the kernel's SMALL). */
  private static final int SMALL_PRODUCT_TILE_BITS = 2;

  /**
   * C = alpha L . S for a small S, in one pass over L ({@link SmallOperandTile}); with
   * {@code check} non-null also the complex-half check of C into its two zeroed words, as
   * {@link #maxAbsCheck}. {@code mapS} takes S's positions in [contracted][free] order to its offsets.
   * {@code maxLarge} and {@code maxSmall}, where non-null, point at an operand's largest part
   * still on the device (a check word): alpha is divided by its magnitude there.
   */
  void smallOperand(DType t, CUdeviceptr large, long nLarge, CUdeviceptr small, long nSmall, BitMap mapS, CUdeviceptr out,
      long nOut, float alpha, SmallOperandTile tile, boolean tensorCores, CUdeviceptr check, CUdeviceptr maxLarge,
      CUdeviceptr maxSmall) {
    String name = smallOperandKernel(t, tile, tensorCores);
    boolean tc = name.endsWith("_tc");
    int shared = SmallOperandTile.stagedBytes(t.bytes, tc);
    // above 48 KB of shared memory (static and dynamic together) a kernel must ask for it
    if (sharedRaised.add(name)) {
      driver(cuFuncSetAttribute(function(name), CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, shared),
          "raising the shared memory of " + name);
    }
    // a persistent grid: each block loads the small operand once, then loops over tiles
    int resident = multiprocessors * BLOCKS_PER_MULTIPROCESSOR;
    launchWithShared(name, (int) Math.max(1, Math.min(resident, tile.tiles())), shared, large, nLarge, small, nSmall,
        mapS, out, nOut, alpha, tile, orNull(check), orNull(maxLarge), orNull(maxSmall));
  }

  /**
   * The variant of the small-operand kernel for a tile: the tensor-core form where
   * {@link #smallOperandOnTensorCores} allows it and {@code tensorCores} asks for it, otherwise by
   * contracted bits and outputs per thread.
   */
  static String smallOperandKernel(DType t, SmallOperandTile tile, boolean tensorCores) {
    String prefix = "small_operand_" + t.suffix + "_k" + tile.contractedBits();
    if (tensorCores && smallOperandOnTensorCores(t, tile)) return prefix + "_tc";
    return prefix + "_g" + smallOperandGroupBits(tile);
  }

  /**
   * Whether the tensor-core form of the small-operand kernel takes a tile: at least 4 values of
   * the small operand's free bits (an n tile of 8 reals) and 16 free positions per tile (an m
   * tile); in fp16 (exact as mma operands) at least {@link #SMALL_OPERAND_TENSOR_CORE_BITS}
   * contracted bits, or 2^3 contracted values with at least 2^3 free values, and at most
   * {@link #SMALL_OPERAND_TENSOR_CORE_MAX_FREE_BITS} free bits; in fp32 (3xTF32) at least
   * {@link #SMALL_OPERAND_TF32_BITS}, and a small operand whose fp32 block form fits the kernel's
   * 16 KiB for it ({@link #SMALL_OPERAND_TF32_MAX_SMALL_BITS}).
   */
  static boolean smallOperandOnTensorCores(DType t, SmallOperandTile tile) {
    int k = tile.contractedBits();
    if (tile.log2Out() < 2 || tile.freeCount() < 4) return false;
    return t == DType.F16
        ? (k >= SMALL_OPERAND_TENSOR_CORE_BITS || (k == 3 && tile.log2Out() >= 3))
            && tile.log2Out() <= SMALL_OPERAND_TENSOR_CORE_MAX_FREE_BITS
        : k >= SMALL_OPERAND_TF32_BITS && k + tile.log2Out() <= SMALL_OPERAND_TF32_MAX_SMALL_BITS;
  }

  /**
   * Contracted bits from which complex64 small-operand steps run as 3xTF32 on the tensor cores.
   * From 2^3 on, complex64 slices of m14 and m20 took 1-2% longer on an H200 than from 2^4 on.
   */
  static final int SMALL_OPERAND_TF32_BITS = 4;

  /** Elements (log2) of the largest small operand the 3xTF32 form takes: its block form is 16 bytes an element. */
  static final int SMALL_OPERAND_TF32_MAX_SMALL_BITS = 10;

  /**
   * Contracted bits from which the complex-half tensor-core form is used. On an H200 it was faster
   * from 2^4 contracted values on (their CUDA-core form is bound by its FMAs) and slower below:
   * 1.9x the time for gates (2^2) and 1.3-1.5x for 2^3 (docs/benchmarks.md). With fp16 staging and
   * the cp.async ring, 2^3 on the tensor cores made m14 and m20 slices no faster (within 3%); 2^3
   * where the small operand has 2^3 or more free values (two n tiles or more) made complex-half
   * m20 slices 0.0789 -> 0.0759 s and m14 2^33 0.1775 -> 0.1760 s on an H200.
   */
  static final int SMALL_OPERAND_TENSOR_CORE_BITS = 4;

  /**
   * Free values (log2) of the largest small operand the complex-half tensor-core form takes: a row
   * block then has at most 8 units (one per warp of a block), so each warp always takes the same
   * n tiles and holds their B fragments in registers (canopy_kernels.cu, B_HELD).
   */
  static final int SMALL_OPERAND_TENSOR_CORE_MAX_FREE_BITS = 7;

  /**
   * log2 of the consecutive outputs one thread of the small-operand kernel computes: they share
   * their reads of the staged tile and leave in one store per plane (up to 4 elements), as far as
   * the small operand's columns they need fit in registers (16 complex values).
   */
  private static int smallOperandGroupBits(SmallOperandTile tile) {
    int k = tile.contractedBits();
    if (k > SMALL_OPERAND_REGISTER_BITS) return 0;
    return Math.min(Math.min(tile.log2Out(), 2), SMALL_OPERAND_REGISTER_BITS - k);
  }

  /** log2 of the small operand's values a thread of the small-operand kernel holds in registers. */
  private static final int SMALL_OPERAND_REGISTER_BITS = 4;

  /** result must hold two zeroed words: max |x| as float bits, and a NaN/Inf flag. */
  void maxAbsCheck(DType t, CUdeviceptr x, long count, CUdeviceptr result) {
    launch("max_abs_check_" + t.suffix, count, x, count, result);
  }

  /** The batch's tensors from the staging ring into their storage of type {@code t} in the pool. */
  void fromStaging(DType t, CUdeviceptr pool, CUdeviceptr ring, UploadBatch batch) {
    launchKernel("from_staging_" + t.suffix, batch.count(), 1, 1, 0, pool, ring, batch);
  }

  void f32ToF16(CUdeviceptr in, CUdeviceptr out, long count, float scale) {
    launch("f32_to_f16_scaled", count, in, out, count, scale);
  }

  /** fp16 to fp32 times {@code scale}, and divided by the magnitude at {@code max} where non-null. */
  void f16ToF32(CUdeviceptr in, CUdeviceptr out, long count, float scale, CUdeviceptr max) {
    launch("f16_to_f32_scaled", count, in, out, count, scale, orNull(max));
  }

  /**
   * fp32 to fp16 divided by the magnitude of the largest part at {@code max}, with the complex-half
   * check of the stored values into {@code check}'s two zeroed words.
   */
  void f32ToF16Normalized(CUdeviceptr in, CUdeviceptr out, long count, CUdeviceptr max, CUdeviceptr check) {
    launch("f32_to_f16_normalized", count, in, out, count, max, check);
  }

  /** sum = a * sum + b * term, sum in fp32, term in {@code termType}. */
  void axpby(DType termType, CUdeviceptr sum, CUdeviceptr term, long count, float a, float b) {
    launch("axpby_f32_" + termType.suffix, count, sum, term, count, a, b);
  }

  private void launch(String name, long work, Object... args) {
    launchBlocks(name, blocksFor((work + BLOCK - 1) / BLOCK), args);
  }

  private int blocksFor(long blocks) {
    return (int) Math.max(1, Math.min(maxBlocks, blocks));
  }

  private void launchBlocks(String name, int blocks, Object... args) {
    launchWithShared(name, blocks, 0, args);
  }

  private void launchWithShared(String name, int blocks, int sharedBytes, Object... args) {
    launchKernel(name, blocks, 1, 1, sharedBytes, args);
  }

  private void launchGrid(String name, int x, int y, int z, Object... args) {
    launchKernel(name, x, y, z, 0, args);
  }

  private void launchKernel(String name, int x, int y, int z, int sharedBytes, Object... args) {
    Pointer[] params = new Pointer[args.length];
    for (int i = 0; i < args.length; i++) params[i] = param(args[i]);
    driver(cuLaunchKernel(function(name), x, y, z, BLOCK, 1, 1, sharedBytes, null, Pointer.to(params), null),
        "launching " + name);
  }

  private static Pointer param(Object arg) {
    if (arg instanceof CUdeviceptr p) return Pointer.to(p);
    if (arg instanceof Long v) return Pointer.to(new long[] {v});
    if (arg instanceof Integer v) return Pointer.to(new int[] {v});
    if (arg instanceof Float v) return Pointer.to(new float[] {v});
    if (arg instanceof BitMap m) return Pointer.to(m.toKernelParam());
    if (arg instanceof TransposeTile t) return Pointer.to(t.toKernelParam());
    if (arg instanceof SmallOperandTile t) return Pointer.to(t.toKernelParam());
    if (arg instanceof UploadBatch b) return Pointer.to(b.toKernelParam());
    throw new IllegalArgumentException("no kernel parameter of type " + arg.getClass());
  }

  private CUfunction function(String name) {
    return functions.computeIfAbsent(name, n -> {
      CUfunction f = new CUfunction();
      driver(cuModuleGetFunction(f, module, n), "finding kernel " + n);
      return f;
    });
  }

  @Override
  public void close() { cuModuleUnload(module); }

  /** A kernel's optional pointer argument: the null device pointer where none is given. */
  private static CUdeviceptr orNull(CUdeviceptr p) { return p == null ? new CUdeviceptr() : p; }
}
