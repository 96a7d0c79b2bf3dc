package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.Precision;
import io.canopy.cuda.layout.BitMap;
import io.canopy.cuda.memory.MemoryPlan;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The permutation kernels on odd shapes (axes of 1 to 32 elements, tensors below, at and above a
 * tile), every kernel (tiled, 16-byte runs, element gather): the permuted tensor, downloaded,
 * equals exactly the downloaded original permuted on the host.
 */
class PermutationKernelTest {
  private static final MemoryPlan MEMORY = MemoryPlan.ofBytes(256L << 20);

  @BeforeEach
  void needsGpu() { Gpu.assumePresent(); }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX64", "COMPLEX_HALF"})
  void permutedTensorsEqualTheHostPermutation(Precision precision) {
    int[][] shapes = {
        {3, 1, 2, 5, 1, 2},        // 14 bits, tiled for most orders
        {5, 0, 3, 4},              // 12 bits: exactly one tile, an axis of size 1
        {2, 3, 1, 1, 2, 3, 2, 1},  // 15 bits, many small axes
        {1, 2, 3},                 // 6 bits: below a tile, gather
        {4, 4, 4, 4, 1},           // 17 bits, several tiles per block
    };
    Random rnd = new Random(11);
    DType type = precision == Precision.COMPLEX_HALF ? DType.F16 : DType.F32;
    Set<Kernels.PermutationKernel> seen = EnumSet.noneOf(Kernels.PermutationKernel.class);
    try (CudaBackend gpu = new CudaBackend(0, precision, MEMORY)) {
      for (int[] dims : shapes) {
        int[] ids = IntStream.range(0, dims.length).map(i -> 10 + i).toArray();
        for (int trial = 0; trial < 5; trial++) {
          // reversed, the two slowest axes swapped (fastest bits stay), random
          int[] order = trial == 0 ? reversed(ids) : trial == 1 ? slowestSwapped(ids) : shuffled(ids, rnd);
          seen.add(Kernels.permutationKernel(type, BitMap.gather(ids, dims, order)));
          check(gpu, ids, dims, order, rnd);
        }
      }
    }
    assertEquals(EnumSet.allOf(Kernels.PermutationKernel.class), seen, "the shapes should exercise every kernel");
  }

  private static void check(CudaBackend gpu, int[] ids, int[] dims, int[] order, Random rnd) {
    int n = 1 << IntStream.of(dims).sum();
    double[] re = rnd.doubles(n, -1, 1).toArray();
    double[] im = rnd.doubles(n, -1, 1).toArray();
    DeviceTensor t = gpu.upload(ids, dims, re, im);
    DeviceTensor p = gpu.permute(t, order);
    HostTensor stored = gpu.download(t);
    HostTensor permuted = gpu.download(p);
    gpu.free(t);
    gpu.free(p);
    BitMap map = BitMap.gather(ids, dims, order);
    double[] wantRe = new double[n];
    double[] wantIm = new double[n];
    for (int pos = 0; pos < n; pos++) {
      wantRe[pos] = stored.re()[(int) map.offset(pos)];
      wantIm[pos] = stored.im()[(int) map.offset(pos)];
    }
    assertArrayEquals(order, permuted.indices());
    assertArrayEquals(wantRe, permuted.re(), "real plane, order " + Arrays.toString(order));
    assertArrayEquals(wantIm, permuted.im(), "imaginary plane, order " + Arrays.toString(order));
  }

  private static int[] slowestSwapped(int[] a) {
    int[] s = a.clone();
    s[0] = a[1];
    s[1] = a[0];
    return s;
  }

  private static int[] reversed(int[] a) {
    return IntStream.range(0, a.length).map(i -> a[a.length - 1 - i]).toArray();
  }

  private static int[] shuffled(int[] a, Random rnd) {
    int[] s = a.clone();
    for (int i = s.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int x = s[i];
      s[i] = s[j];
      s[j] = x;
    }
    return s;
  }
}
