package io.canopy.cuda;

import static io.canopy.cuda.CudaCheck.driver;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

import io.canopy.cuda.layout.BitMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Effective bandwidth of the permutation kernel on large planar complex tensors of size-2 axes
 * (bytes read plus bytes written over the time, CUDA events, median after warm-up), for
 * permutations typical of contraction trees, next to the element-by-element gather it replaces.
 * Each result is checked: the output is poisoned before the timed runs and sampled positions are
 * compared bit for bit with the input element the permutation names.
 */
public final class PermutationBandwidth {
  private static final int WARMUP = 2;
  private static final int REPEATS = 7;
  private static final int CHECKED_POSITIONS = 256;
  private static final int FILL_CHUNK_ELEMENTS = (1 << 20) + 3;

  private PermutationBandwidth() {}

  /**
   * One measurement.
   *
   * @param type fp16 or fp32 storage
   * @param log2Elements log2 complex elements of the tensor
   * @param permutation which permutation of its axes
   * @param kernel the backend's kernel for it: tiled, runs (16-byte runs) or gather
   * @param bytesPerSecond the backend's permutation kernel
   * @param gatherBytesPerSecond the plain gather on the same permutation
   */
  public record Result(String type, int log2Elements, String permutation, String kernel, double bytesPerSecond,
      double gatherBytesPerSecond) {}

  /** Measures fp16 and fp32 tensors of each size in {@code log2Sizes} (complex elements). */
  public static List<Result> measure(CudaDevice device, int[] log2Sizes) {
    device.makeCurrent();
    List<Result> results = new ArrayList<>();
    for (DType t : new DType[] {DType.F16, DType.F32}) {
      for (int log2 : log2Sizes) {
        long bytes = (2L << log2) * t.bytes;
        if (2 * bytes > device.freeMemory()) {
          throw new IllegalStateException("permutation benchmark of 2^" + log2 + " " + t.name().toLowerCase()
              + " elements needs " + 2 * bytes + " bytes of device memory, " + device.freeMemory() + " are free");
        }
        CUdeviceptr in = alloc(bytes);
        CUdeviceptr out = alloc(bytes);
        try {
          fillRandom(in, bytes, t, new Random(log2));
          for (Case c : cases(log2)) results.add(measure(device, t, log2, c, in, out, bytes));
        } finally {
          cuMemFree(in);
          cuMemFree(out);
        }
      }
    }
    return results;
  }

  private record Case(String name, int[] target) {}

  /** Permutations of {@code n} size-2 axes (stored order 0..n-1, first slowest). */
  private static List<Case> cases(int n) {
    int[] ids = IntStream.range(0, n).toArray();
    int[] reversal = IntStream.range(0, n).map(i -> n - 1 - i).toArray();
    int[] shuffled = ids.clone();
    Random rnd = new Random(1);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int x = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = x;
    }
    int slow = (n - 10) / 2;
    int[] slowSwap = IntStream.concat(IntStream.concat(IntStream.range(slow, 2 * slow), IntStream.range(0, slow)),
        IntStream.range(2 * slow, n)).toArray();
    return List.of(new Case("reversal", reversal), new Case("2 slowest to fastest", rotate(ids, 2)),
        new Case("4 slowest to fastest", rotate(ids, 4)), new Case("random", shuffled),
        new Case("slow axes swapped, 10 fastest kept", slowSwap));
  }

  private static int[] rotate(int[] ids, int k) {
    return IntStream.range(0, ids.length).map(i -> ids[(i + k) % ids.length]).toArray();
  }

  private static Result measure(CudaDevice device, DType t, int log2, Case c, CUdeviceptr in, CUdeviceptr out,
      long bytes) {
    int[] dims = new int[log2];
    Arrays.fill(dims, 1);
    BitMap map = BitMap.gather(IntStream.range(0, log2).toArray(), dims, c.target());
    long n = 1L << log2;
    Kernels k = device.kernels();
    double gather = EventTimer.medianSeconds(REPEATS, WARMUP, () -> k.permuteGather(t, in, out, n, map));
    driver(cuMemsetD8(out, (byte) 0xff, bytes), "poisoning the permutation output");
    double kernel = EventTimer.medianSeconds(REPEATS, WARMUP, () -> k.permute(t, in, out, n, map));
    device.synchronize();
    check(t, in, out, n, map, c.name());
    double moved = 2.0 * bytes;
    return new Result(t == DType.F16 ? "fp16" : "fp32", log2, c.name(), Kernels.permutationKernel(t, map).name().toLowerCase(),
        moved / kernel, moved / gather);
  }

  /** Sampled positions of both planes equal, bit for bit, the input elements the map names. */
  private static void check(DType t, CUdeviceptr in, CUdeviceptr out, long n, BitMap map, String name) {
    Random rnd = new Random(n);
    for (int i = 0; i < CHECKED_POSITIONS; i++) {
      long pos = i == 0 ? 0 : i == 1 ? n - 1 : (rnd.nextLong() & Long.MAX_VALUE) % n;
      for (long plane = 0; plane < 2; plane++) {
        long got = element(out, (plane * n + pos) * t.bytes, t);
        long want = element(in, (plane * n + map.offset(pos)) * t.bytes, t);
        if (got != want) {
          throw new IllegalStateException("permutation kernel (" + name + ", " + t + ", 2^"
              + Long.numberOfTrailingZeros(n) + " elements) wrote 0x" + Long.toHexString(got) + " at position " + pos
              + (plane == 1 ? " of the imaginary plane" : "") + ", expected 0x" + Long.toHexString(want));
        }
      }
    }
  }

  private static long element(CUdeviceptr base, long byteOffset, DType t) {
    byte[] b = new byte[t.bytes];
    driver(cuMemcpyDtoH(Pointer.to(b), base.withByteOffset(byteOffset), t.bytes), "reading a permuted element");
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    return t == DType.F16 ? buf.getShort() & 0xffff : buf.getInt() & 0xffffffffL;
  }

  /**
   * Random normal values (never zero, so unwritten output cannot pass), one chunk repeated. The
   * chunk's length is no power of two, so elements a power of two apart differ and a wrong offset
   * shows in the check.
   */
  private static void fillRandom(CUdeviceptr p, long bytes, DType t, Random rnd) {
    long chunkBytes = Math.min(bytes, (long) FILL_CHUNK_ELEMENTS * t.bytes);
    ByteBuffer host = ByteBuffer.allocate((int) chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
    while (host.hasRemaining()) {
      float v = Math.scalb(1f + rnd.nextFloat(), -rnd.nextInt(8)) * (rnd.nextBoolean() ? 1 : -1);
      if (t == DType.F16) host.putShort(HalfFloat.fromFloat(v)); else host.putFloat(v);
    }
    driver(cuMemcpyHtoD(p, Pointer.to(host.array()), chunkBytes), "filling the permutation input");
    for (long off = chunkBytes; off < bytes; off += chunkBytes) {
      driver(cuMemcpyDtoD(p.withByteOffset(off), p, Math.min(chunkBytes, bytes - off)), "filling the permutation input");
    }
  }

  private static CUdeviceptr alloc(long bytes) {
    CUdeviceptr p = new CUdeviceptr();
    driver(cuMemAlloc(p, bytes), "allocating " + bytes + " bytes for the permutation benchmark");
    return p;
  }
}
