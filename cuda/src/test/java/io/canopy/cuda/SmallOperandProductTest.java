package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.Precision;
import io.canopy.cuda.DenseReference.Dense;
import io.canopy.cuda.layout.PairLayout;
import io.canopy.cuda.memory.MemoryPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The small-operand kernel ({@link SmallOperandProduct}) against the contraction by definition and
 * against the cuBLAS path, in complex64 and complex-half, on shapes that exercise its tiling:
 * contracted bits slow, fastest and mixed, several tiles, multi-bit indices in another order in
 * the small operand, no contracted or no free bits of the small operand, and operands of a few
 * elements; both precisions on the tensor cores (fp16 products, 3xTF32; every case with 2^4 or
 * more contracted and 2^2 or more small-free values, in complex64 up to a small operand of 2^10)
 * and on the CUDA cores.
 */
class SmallOperandProductTest {
  private static final MemoryPlan POOL = MemoryPlan.ofBytes(512L << 20);

  /** A large operand over {@code largeIds} and a small one; keep = what the contraction keeps. */
  record Case(String name, int[] large, int[] largeDims, int[] small, int[] smallDims, int[] keep) {
    @Override
    public String toString() { return name; }
  }

  private static int[] qubits(int n) { return IntStream.range(0, n).toArray(); }

  private static int[] ones(int n) { return IntStream.range(0, n).map(i -> 1).toArray(); }

  /** The state's indices with {@code from} replaced by {@code to}: what a gate leaves. */
  private static int[] replaced(int[] state, int[] from, int[] to) {
    int[] out = state.clone();
    for (int i = 0; i < out.length; i++) for (int g = 0; g < from.length; g++) if (out[i] == from[g]) out[i] = to[g];
    return out;
  }

  static List<Case> cases() {
    int[] state = qubits(16);
    return List.of(
        new Case("two-qubit gate on the slowest qubits", state, ones(16), new int[] {100, 101, 0, 1}, ones(4),
            replaced(state, new int[] {0, 1}, new int[] {100, 101})),
        new Case("two-qubit gate on the fastest qubits", state, ones(16), new int[] {100, 101, 14, 15}, ones(4),
            replaced(state, new int[] {14, 15}, new int[] {100, 101})),
        new Case("two-qubit gate on a slow and the fastest qubit", state, ones(16), new int[] {100, 15, 101, 2}, ones(4),
            replaced(state, new int[] {15, 2}, new int[] {100, 101})),
        new Case("gate on 2^18 elements (many tiles)", qubits(18), ones(18), new int[] {100, 101, 3, 11}, ones(4),
            replaced(qubits(18), new int[] {3, 11}, new int[] {100, 101})),
        new Case("outer product with a small tensor", qubits(13), ones(13), new int[] {100, 101}, new int[] {2, 1},
            IntStream.concat(IntStream.of(qubits(13)), IntStream.of(100, 101)).toArray()),
        new Case("small operand with no free indices", qubits(14), ones(14), new int[] {9, 4, 12}, new int[] {1, 1, 1},
            Arrays.stream(qubits(14)).filter(q -> q != 9 && q != 4 && q != 12).toArray()),
        new Case("2^5 contracted and 2^5 free (small of 2^10)", new int[] {1, 2, 3, 4}, new int[] {4, 3, 2, 5},
            new int[] {2, 7, 3, 8}, new int[] {3, 2, 2, 3}, new int[] {1, 7, 4, 8}),
        new Case("2^5 contracted and 2^6 free (small of 2^11)", new int[] {1, 2, 3}, new int[] {8, 3, 2},
            new int[] {2, 3, 9}, new int[] {3, 2, 6}, new int[] {1, 9}),
        new Case("2^6 contracted and 2^3 free (small of 2^9)", new int[] {1, 2, 3}, new int[] {4, 6, 4},
            new int[] {2, 7}, new int[] {6, 3}, new int[] {1, 3, 7}),
        new Case("2^6 contracted, fastest and slowest", new int[] {1, 2, 3, 4}, new int[] {3, 4, 5, 3},
            new int[] {4, 9, 1}, new int[] {3, 4, 3}, new int[] {2, 3, 9}),
        new Case("2^4 contracted and 2^2 free (one n tile a unit)", new int[] {1, 2, 3}, new int[] {10, 4, 3},
            new int[] {2, 7}, new int[] {4, 2}, new int[] {1, 3, 7}),
        new Case("2^4 contracted and 2^3 free (two n tiles a unit)", new int[] {1, 2, 3}, new int[] {9, 4, 4},
            new int[] {7, 2}, new int[] {3, 4}, new int[] {7, 1, 3}),
        new Case("2^3 contracted and 2^3 free", new int[] {1, 2, 3}, new int[] {9, 3, 4}, new int[] {7, 2},
            new int[] {3, 3}, new int[] {7, 1, 3}),
        new Case("2^4 contracted and 2^6 free (four n tiles a unit)", new int[] {1, 2, 3}, new int[] {4, 4, 8},
            new int[] {2, 7}, new int[] {4, 6}, new int[] {1, 3, 7}),
        new Case("2^4 contracted and 2^7 free (eight units a row block)", new int[] {1, 2, 3}, new int[] {8, 4, 2},
            new int[] {2, 7}, new int[] {4, 7}, new int[] {1, 3, 7}),
        new Case("2^8 free in the small operand", new int[] {1, 2}, new int[] {10, 2}, new int[] {2, 5}, new int[] {2, 8},
            new int[] {1, 5}),
        new Case("first operand all contracted", new int[] {1, 2}, new int[] {3, 2}, new int[] {2, 1, 6},
            new int[] {2, 3, 2}, new int[] {6}),
        new Case("two elements times two", new int[] {1}, new int[] {1}, new int[] {2}, new int[] {1}, new int[] {1, 2}));
  }

  /** Both precisions on the tensor cores where the shape allows, and without. */
  static Stream<Arguments> precisionsAndCases() {
    return cases().stream().flatMap(c -> Stream.of(Precision.COMPLEX64, Precision.COMPLEX_HALF)
        .flatMap(p -> Stream.of(Arguments.of(p, true, c), Arguments.of(p, false, c))));
  }

  @BeforeEach
  void needsGpu() { Gpu.assumePresent(); }

  @ParameterizedTest(name = "{0} tensor cores {1}: {2}")
  @MethodSource("precisionsAndCases")
  void matchesTheDefinitionAndTheCublasPath(Precision precision, boolean tensorCores, Case c) {
    Random rnd = new Random(c.name().hashCode() + 17L * precision.ordinal());
    Dense large = Dense.random(rnd, c.large(), c.largeDims(), 1);
    Dense small = Dense.random(rnd, c.small(), c.smallDims(), 1);
    PairLayout layout = PairLayout.of(new PairLayout.Operand(c.large(), c.largeDims()),
        new PairLayout.Operand(c.small(), c.smallDims()), c.keep());
    assertTrue(SmallOperandProduct.applies(layout), "the case should take the small-operand kernel");
    double bound = precision == Precision.COMPLEX64 ? 1e-5 : 5e-3;
    try (CudaBackend gpu = new CudaBackend(0, precision, POOL)) {
      gpu.useSmallOperandTensorCores(tensorCores);
      // operands in either order: the kernel picks the large one itself
      for (boolean largeFirst : new boolean[] {true, false}) {
        Dense first = largeFirst ? large : small;
        Dense second = largeFirst ? small : large;
        HostTensor fused = contract(gpu, first, second, c.keep(), true);
        PairLayout call = PairLayout.of(new PairLayout.Operand(first.indices(), first.log2Dims()),
            new PairLayout.Operand(second.indices(), second.log2Dims()), c.keep());
        int[] expectedOrder = call.log2FreeA() >= call.log2FreeB() ? PairLayout.concat(call.freeA(), call.freeB())
            : PairLayout.concat(call.freeB(), call.freeA());
        assertArrayEquals(expectedOrder, fused.indices(), "larger operand's free indices, then the other's");
        double[][] ref = DenseReference.contract(large, small, fused.indices());
        double err = DenseReference.relativeError(fused.re(), fused.im(), ref[0], ref[1]);
        assertTrue(err < bound, precision + " relative error " + err + " against the definition");
        HostTensor cublas = contract(gpu, first, second, c.keep(), false);
        double[][] viaCublas = DenseReference.contract(
            new Dense(cublas.indices(), layout.log2Sizes(cublas.indices()), cublas.re(), cublas.im()),
            new Dense(new int[0], new int[0], new double[] {1}, new double[] {0}), fused.indices());
        double diff = DenseReference.relativeError(fused.re(), fused.im(), viaCublas[0], viaCublas[1]);
        assertTrue(diff < bound, precision + " relative difference " + diff + " from the cuBLAS path");
      }
      assertEquals(0, gpu.halfFallbacks());
    }
  }

  static Stream<Arguments> casesOnEitherCores() {
    return cases().stream().flatMap(c -> Stream.of(Arguments.of(true, c), Arguments.of(false, c)));
  }

  @ParameterizedTest(name = "tensor cores {0}: {1}")
  @MethodSource("casesOnEitherCores")
  void halfCheckFusedIntoTheKernelFindsTheLargestPart(boolean tensorCores, Case c) {
    Random rnd = new Random(c.name().hashCode());
    Dense large = Dense.random(rnd, c.large(), c.largeDims(), Math.scalb(1.0, -27));
    Dense small = Dense.random(rnd, c.small(), c.smallDims(), 3);
    try (CudaBackend gpu = new CudaBackend(0, Precision.COMPLEX_HALF, POOL)) {
      gpu.useSmallOperandTensorCores(tensorCores);
      DeviceTensor x = gpu.upload(large.indices(), large.log2Dims(), large.re(), large.im());
      DeviceTensor y = gpu.upload(small.indices(), small.log2Dims(), small.re(), small.im());
      CudaTensor out = (CudaTensor) gpu.contract(x, y, c.keep());
      HostTensor h = gpu.download(out);
      double largest = 0;
      for (int i = 0; i < h.re().length; i++) largest = Math.max(largest, Math.max(Math.abs(h.re()[i]), Math.abs(h.im()[i])));
      // the stored values are the true ones over 2^exponent; the check saw the stored fp16 values
      assertEquals(Math.scalb(largest, -out.exponent()), out.maxAbs(), 0.0, "largest stored part");
      double[][] ref = DenseReference.contract(large, small, h.indices());
      assertTrue(DenseReference.relativeError(h.re(), h.im(), ref[0], ref[1]) < 5e-3, "tiny magnitudes kept");
    }
  }

  private static HostTensor contract(CudaBackend gpu, Dense a, Dense b, int[] keep, boolean smallOperandKernel) {
    gpu.useSmallOperandKernel(smallOperandKernel);
    DeviceTensor x = gpu.upload(a.indices(), a.log2Dims(), a.re(), a.im());
    DeviceTensor y = gpu.upload(b.indices(), b.log2Dims(), b.re(), b.im());
    DeviceTensor out = gpu.contract(x, y, keep);
    HostTensor h = gpu.download(out);
    for (DeviceTensor t : new DeviceTensor[] {x, y, out}) gpu.free(t);
    return h;
  }
}
