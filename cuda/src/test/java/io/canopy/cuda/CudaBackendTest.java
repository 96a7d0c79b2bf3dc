package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.canopy.contractor.Backend;
import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.Precision;
import io.canopy.cuda.DenseReference.Dense;
import io.canopy.cuda.memory.MemoryPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CudaBackend on pair contractions against the definition (and the CPU backend where present). */
class CudaBackendTest {
  private static final MemoryPlan SMALL = MemoryPlan.ofBytes(256L << 20);

  /** One pair contraction: operand index ids and log2 sizes, and the kept indices. */
  record Case(String name, int[] a, int[] aDims, int[] b, int[] bDims, int[] keep) {
    @Override
    public String toString() { return name; }
  }

  static List<Case> cases() {
    return List.of(
        new Case("matrix product", new int[] {1, 2}, new int[] {3, 4}, new int[] {2, 3}, new int[] {4, 2}, new int[] {1, 3}),
        new Case("contracted fastest in both", new int[] {1, 2, 5}, new int[] {2, 2, 3}, new int[] {3, 5, 2},
            new int[] {1, 3, 2}, new int[] {1, 3}),
        new Case("outer product", new int[] {1}, new int[] {3}, new int[] {2}, new int[] {4}, new int[] {1, 2}),
        new Case("full contraction", new int[] {1, 2}, new int[] {3, 2}, new int[] {2, 1}, new int[] {2, 3}, new int[] {}),
        new Case("batch index", new int[] {7, 1, 2}, new int[] {1, 2, 3}, new int[] {2, 7, 3}, new int[] {3, 1, 2},
            new int[] {7, 1, 3}),
        new Case("gate on a state", new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[] {1, 1, 1, 1, 1, 1, 1, 1},
            new int[] {8, 9, 5, 2}, new int[] {1, 1, 1, 1}, new int[] {0, 1, 8, 3, 4, 9, 6, 7}),
        new Case("long dot product to 2 x 4", new int[] {1, 2, 3}, new int[] {6, 5, 1}, new int[] {4, 2, 1},
            new int[] {2, 5, 6}, new int[] {3, 4}),
        new Case("long dot product to a scalar", new int[] {1, 2}, new int[] {6, 5}, new int[] {2, 1}, new int[] {5, 6},
            new int[] {}),
        new Case("long contraction to 4 x 32", new int[] {1, 2}, new int[] {2, 11}, new int[] {2, 3}, new int[] {11, 5},
            new int[] {1, 3}),
        new Case("long contraction to 8 x 16", new int[] {2, 1}, new int[] {10, 3}, new int[] {3, 2}, new int[] {4, 10},
            new int[] {1, 3}),
        new Case("vector through a matrix", new int[] {4}, new int[] {6}, new int[] {4, 3}, new int[] {6, 5},
            new int[] {3}));
  }

  /** Each case through cuBLAS with every product, and once with the small-operand kernel on (the default). */
  static Stream<Arguments> precisionsProductsAndCases() {
    return Stream.of(Precision.COMPLEX64, Precision.COMPLEX_HALF)
        .flatMap(p -> Stream.concat(Stream.of(ComplexProduct.values()).map(m -> Map.entry(m, false)),
                Stream.of(Map.entry(ComplexProduct.DEFAULT, true)))
            .flatMap(m -> cases().stream().map(c -> Arguments.of(p, m.getKey(), m.getValue(), c))));
  }

  @BeforeEach
  void needsGpu() { Gpu.assumePresent(); }

  @ParameterizedTest(name = "{0} {1} small-operand kernel {2}: {3}")
  @MethodSource("precisionsProductsAndCases")
  void pairContractionMatchesTheDefinition(Precision precision, ComplexProduct product, boolean smallOperandKernel, Case c) {
    Random rnd = new Random(c.name().hashCode() * 31L + precision.ordinal() * 7L + product.ordinal());
    Dense a = Dense.random(rnd, c.a(), c.aDims(), 1);
    Dense b = Dense.random(rnd, c.b(), c.bDims(), 1);
    try (CudaBackend gpu = new CudaBackend(0, precision, SMALL, product, false)) {
      gpu.useSmallOperandKernel(smallOperandKernel);
      HostTensor out = contract(gpu, a, b, c.keep());
      int[] sortedKeep = c.keep().clone();
      int[] sortedOut = out.indices().clone();
      Arrays.sort(sortedKeep);
      Arrays.sort(sortedOut);
      assertArrayEquals(sortedKeep, sortedOut, "result indices");
      double[][] ref = DenseReference.contract(a, b, out.indices());
      double err = DenseReference.relativeError(out.re(), out.im(), ref[0], ref[1]);
      double bound = precision == Precision.COMPLEX64 ? 1e-5 : 5e-3;
      assertTrue(err < bound, precision + " " + product + " relative error " + err);
      assertEquals(0, gpu.halfFallbacks());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX64", "COMPLEX_HALF"})
  void agreesWithTheCpuBackend(Precision precision) {
    Optional<List<HostTensor>> cpu = CpuReference.pairs();
    assumeTrue(cpu.isPresent(), "skipped: no CPU backend results (ND4J is not on the class path and "
        + CpuReference.PROPERTY + " names no folder of them)");
    List<Dense[]> inputs = CpuReference.pairInputs();
    try (CudaBackend gpu = new CudaBackend(0, precision, SMALL)) {
      for (int i = 0; i < cases().size(); i++) {
        Case c = cases().get(i);
        Dense a = inputs.get(i)[0];
        Dense b = inputs.get(i)[1];
        HostTensor g = contract(gpu, a, b, c.keep());
        HostTensor h = reorder(cpu.get().get(i), g.indices(), a, b);
        double err = DenseReference.relativeError(g.re(), g.im(), h.re(), h.im());
        assertTrue(err < (precision == Precision.COMPLEX64 ? 1e-5 : 5e-3), precision + " " + c + ": relative error " + err);
      }
    }
  }

  @Test
  void halfKeepsTinyAmplitudesThroughItsExponent() {
    // magnitudes of 53-qubit amplitudes (about 2^-26.5) lie below fp16's normal range
    Random rnd = new Random(5);
    Case c = cases().get(1);
    Dense a = Dense.random(rnd, c.a(), c.aDims(), Math.scalb(1.0, -27));
    Dense b = Dense.random(rnd, c.b(), c.bDims(), Math.scalb(1.0, -20));
    try (CudaBackend gpu = new CudaBackend(0, Precision.COMPLEX_HALF, SMALL)) {
      HostTensor out = contract(gpu, a, b, c.keep());
      double[][] ref = DenseReference.contract(a, b, out.indices());
      double err = DenseReference.relativeError(out.re(), out.im(), ref[0], ref[1]);
      assertTrue(err < 5e-3, "relative error " + err);
    }
  }

  /**
   * all-ones vectors of 2^17 elements: the dot product 2^17 exceeds fp16's largest value 65504.
   * With checks read at once the fp16 step overflows and is recomputed in complex64; deferred, the
   * step runs widened to fp32 and is stored normalized, so it never overflows.
   */
  @Test
  void halfOverflowIsRecomputedInComplex64AndCounted() {
    int n = 1 << 17;
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    double[] zeros = new double[n];
    for (boolean deferred : new boolean[] {false, true}) {
      for (ComplexProduct product : ComplexProduct.values()) {
        String label = product.label() + (deferred ? ", deferred checks" : "");
        try (CudaBackend gpu = new CudaBackend(0, Precision.COMPLEX_HALF, SMALL, product, false)) {
          gpu.deferHalfChecks(deferred);
          DeviceTensor x = gpu.upload(new int[] {1}, new int[] {17}, ones, zeros);
          DeviceTensor y = gpu.upload(new int[] {1}, new int[] {17}, ones, zeros);
          HostTensor dot = gpu.download(gpu.contract(x, y, new int[] {}));
          assertEquals(deferred ? 0 : 1, gpu.halfFallbacks(), label);
          assertEquals(n, dot.re()[0], n * 1e-3, label);
          assertEquals(0, dot.im()[0], 1e-6, label);
        }
      }
    }
  }

  /**
   * A GEMM step (neither operand small) on the result of a small-operand step, whose largest part
   * is still on the device when the GEMM step is queued, with scales far below fp16's range;
   * widened to fp32 (small GEMM steps) or in fp16 after the host read the operands' scales: either
   * way the step's own check stays on the device.
   */
  @ParameterizedTest(name = "widened {0}")
  @ValueSource(booleans = {true, false})
  void deferredGemmStepTakesAPendingOperand(boolean widened) {
    Random rnd = new Random(13);
    Dense state = Dense.random(rnd, new int[] {1, 2, 3, 4, 5, 6}, new int[] {2, 2, 2, 2, 2, 2}, Math.scalb(1.0, -27));
    Dense gate = Dense.random(rnd, new int[] {7, 8, 5, 6}, new int[] {2, 2, 2, 2}, 1);
    Dense m = Dense.random(rnd, new int[] {1, 2, 7, 9}, new int[] {2, 2, 2, 7}, Math.scalb(1.0, -20));
    int[] keep1 = {1, 2, 3, 4, 7, 8};
    try (CudaBackend gpu = new CudaBackend(0, Precision.COMPLEX_HALF, SMALL)) {
      gpu.deferGemmSteps(widened);
      DeviceTensor x = gpu.upload(state.indices(), state.log2Dims(), state.re(), state.im());
      DeviceTensor g = gpu.upload(gate.indices(), gate.log2Dims(), gate.re(), gate.im());
      DeviceTensor y = gpu.upload(m.indices(), m.log2Dims(), m.re(), m.im());
      DeviceTensor gated = gpu.contract(x, g, keep1);
      CudaTensor product = (CudaTensor) gpu.contract(gated, y, new int[] {3, 4, 8, 9});
      assertTrue(product.pending(), "the step's check is left on the device");
      HostTensor out = gpu.download(product);
      double[][] first = DenseReference.contract(state, gate, keep1);
      Dense gatedRef = new Dense(keep1, new int[] {2, 2, 2, 2, 2, 2}, first[0], first[1]);
      double[][] ref = DenseReference.contract(gatedRef, m, out.indices());
      double err = DenseReference.relativeError(out.re(), out.im(), ref[0], ref[1]);
      assertTrue(err < 5e-3, "relative error " + err);
      assertEquals(0, gpu.halfFallbacks());
    }
  }

  @Test
  void permuteAccumulateAndDownloadRoundTrip() {
    Random rnd = new Random(9);
    Dense a = Dense.random(rnd, new int[] {3, 1, 2}, new int[] {2, 1, 3}, 1);
    for (Precision p : new Precision[] {Precision.COMPLEX64, Precision.COMPLEX_HALF}) {
      try (CudaBackend gpu = new CudaBackend(0, p, SMALL)) {
        DeviceTensor t = gpu.upload(a.indices(), a.log2Dims(), a.re(), a.im());
        DeviceTensor perm = gpu.permute(t, new int[] {2, 3, 1});
        assertArrayEquals(new int[] {3, 2, 1}, perm.log2Dims());
        DeviceTensor back = gpu.permute(perm, new int[] {3, 1, 2});
        gpu.accumulate(back, t);
        HostTensor twice = gpu.download(back);
        double[] re2 = Arrays.stream(a.re()).map(v -> 2 * v).toArray();
        double[] im2 = Arrays.stream(a.im()).map(v -> 2 * v).toArray();
        double err = DenseReference.relativeError(twice.re(), twice.im(), re2, im2);
        assertTrue(err < (p == Precision.COMPLEX64 ? 1e-6 : 1e-3), p + " relative error " + err);
        for (DeviceTensor x : new DeviceTensor[] {t, perm, back}) gpu.free(x);
        assertThrows(IllegalArgumentException.class, () -> gpu.free(t));
      }
    }
  }

  @Test
  void batchedUploadsAcrossTheStagingRingsWrapKeepEveryValue() {
    // 300 small tensors: two launches of the batched move; 2^20-element tensors are 8 MiB of fp32
    // pairs: five of them pass the 32 MiB ring's end, so a batch is flushed early; one tensor is
    // freed before its batch is flushed
    Random rnd = new Random(11);
    List<Dense> inputs = Stream.concat(
        Stream.generate(() -> Dense.random(rnd, new int[] {1, 2}, new int[] {1, 2}, 1)).limit(300),
        Stream.generate(() -> Dense.random(rnd, new int[] {1, 2}, new int[] {10, 10}, 1)).limit(5)).toList();
    Dense small = Dense.random(rnd, new int[] {7}, new int[] {2}, 1);
    for (Precision p : new Precision[] {Precision.COMPLEX64, Precision.COMPLEX_HALF}) {
      try (CudaBackend gpu = new CudaBackend(0, p, SMALL)) {
        DeviceTensor dropped = gpu.upload(small.indices(), small.log2Dims(), small.re(), small.im());
        gpu.free(dropped);
        List<DeviceTensor> onDevice = inputs.stream().map(d -> gpu.upload(d.indices(), d.log2Dims(), d.re(), d.im()))
            .toList();
        for (int i = 0; i < inputs.size(); i++) {
          HostTensor back = gpu.download(onDevice.get(i));
          double err = DenseReference.relativeError(back.re(), back.im(), inputs.get(i).re(), inputs.get(i).im());
          assertTrue(err < (p == Precision.COMPLEX64 ? 1e-7 : 1e-3), p + " tensor " + i + " relative error " + err);
        }
        onDevice.forEach(gpu::free);
      }
    }
  }

  @Test
  void refusesAPlanLargerThanTheDeviceWithOneLine() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new CudaBackend(0, Precision.COMPLEX64, MemoryPlan.ofBytes(1L << 50)));
    assertTrue(e.getMessage().startsWith("plan needs"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static HostTensor contract(Backend backend, Dense a, Dense b, int[] keep) {
    DeviceTensor x = backend.upload(a.indices(), a.log2Dims(), a.re(), a.im());
    DeviceTensor y = backend.upload(b.indices(), b.log2Dims(), b.re(), b.im());
    DeviceTensor out = backend.contract(x, y, keep);
    HostTensor h = backend.download(out);
    backend.free(x);
    backend.free(y);
    backend.free(out);
    return h;
  }

  /** A host result in another index order, through the reference's layout arithmetic. */
  private static HostTensor reorder(HostTensor h, int[] order, Dense a, Dense b) {
    int[] log2 = new int[h.indices().length];
    for (int i = 0; i < log2.length; i++) {
      int ix = h.indices()[i];
      log2[i] = a.log2Size(ix) >= 0 ? a.log2Size(ix) : b.log2Size(ix);
    }
    Dense d = new Dense(h.indices(), log2, h.re(), h.im());
    double[] one = {1};
    Dense scalar = new Dense(new int[0], new int[0], one, new double[] {0});
    double[][] r = DenseReference.contract(d, scalar, order);
    return new HostTensor(order, r[0], r[1]);
  }
}
