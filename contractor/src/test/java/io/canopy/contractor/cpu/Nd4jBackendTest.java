package io.canopy.contractor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.NaiveEinsum;
import io.canopy.contractor.NaiveEinsum.Operand;
import io.canopy.contractor.Precision;
import io.canopy.contractor.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Nd4jBackendTest {
  /** log2 sizes by index id: mixed 2 and 4 (and one size-1 axis, id 9) so shapes are not square. */
  private static final int[] LOG2 = {1, 2, 1, 1, 2, 1, 1, 2, 1, 0, 1, 2};

  static Stream<Arguments> backends() {
    List<Arguments> all = new ArrayList<>();
    for (Precision p : new Precision[] {Precision.COMPLEX128, Precision.COMPLEX64}) {
      for (ComplexGemm g : ComplexGemm.values()) all.add(Arguments.of(p, g));
    }
    return all.stream();
  }

  /** Named index-role combinations: {a's indices, b's indices, kept indices}. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("matrix product", new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 2}),
        Arguments.of("matrix product, operands transposed", new int[] {1, 0}, new int[] {2, 1}, new int[] {2, 0}),
        Arguments.of("several contracted, interleaved", new int[] {3, 0, 4, 1}, new int[] {4, 2, 3, 5}, new int[] {0, 1, 2, 5}),
        Arguments.of("batch with contracted", new int[] {0, 1, 2}, new int[] {2, 1, 3}, new int[] {0, 1, 3}),
        Arguments.of("batch only on one side's free axes", new int[] {4, 0}, new int[] {0, 5}, new int[] {0, 4, 5}),
        Arguments.of("pure Hadamard", new int[] {0, 1, 2}, new int[] {2, 0, 1}, new int[] {1, 2, 0}),
        Arguments.of("outer product", new int[] {0, 1}, new int[] {2, 3}, new int[] {0, 1, 2, 3}),
        Arguments.of("inner product to a scalar", new int[] {0, 1}, new int[] {1, 0}, new int[] {}),
        Arguments.of("vector dot vector", new int[] {4}, new int[] {4}, new int[] {}),
        Arguments.of("vector outer vector", new int[] {4}, new int[] {7}, new int[] {7, 4}),
        Arguments.of("scalar times tensor", new int[] {}, new int[] {0, 1}, new int[] {0, 1}),
        Arguments.of("tensor times scalar", new int[] {2, 3}, new int[] {}, new int[] {2, 3}),
        Arguments.of("scalar times scalar", new int[] {}, new int[] {}, new int[] {}),
        Arguments.of("matrix times vector", new int[] {0, 1}, new int[] {1}, new int[] {0}),
        Arguments.of("size-1 axis", new int[] {9, 0}, new int[] {0, 1}, new int[] {9, 1}),
        Arguments.of("contracted block inside an operand", new int[] {0, 3, 4, 1, 7, 11, 5}, new int[] {6, 4, 3}, new int[] {0, 1, 7, 11, 5, 6}),
        Arguments.of("left operand read transposed", new int[] {3, 4, 1, 7}, new int[] {4, 3, 6}, new int[] {6, 1, 7}),
        Arguments.of("right operand read transposed", new int[] {0, 3, 4}, new int[] {6, 3, 4}, new int[] {0, 6}),
        Arguments.of("batch, contracted, kept on both sides", new int[] {0, 1, 2, 3}, new int[] {4, 3, 1, 5}, new int[] {5, 0, 1, 2, 4}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namedCasesMatchTheReferenceInEveryPrecisionAndProduct(String name, int[] a, int[] b, int[] keep) {
    backends().forEach(args -> {
      try (Nd4jBackend backend = new Nd4jBackend((Precision) args.get()[0], (ComplexGemm) args.get()[1])) {
        checkAgainstReference(backend, a, b, keep, new Random(name.hashCode()), name + " " + backend.precision() + " " + backend.gemm());
      }
    });
  }

  @ParameterizedTest
  @MethodSource("backends")
  void randomRoleCombinationsMatchTheReference(Precision precision, ComplexGemm gemm) {
    Random rnd = new Random(7);
    try (Nd4jBackend backend = new Nd4jBackend(precision, gemm)) {
      for (int trial = 0; trial < 60; trial++) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < LOG2.length; i++) ids.add(i);
        Collections.shuffle(ids, rnd);
        int at = 0;
        List<Integer> batch = ids.subList(at, at += rnd.nextInt(3));
        List<Integer> left = ids.subList(at, at += rnd.nextInt(3));
        List<Integer> contracted = ids.subList(at, at += rnd.nextInt(3));
        List<Integer> right = ids.subList(at, at += rnd.nextInt(3));
        List<Integer> a = new ArrayList<>(batch);
        a.addAll(left);
        a.addAll(contracted);
        List<Integer> b = new ArrayList<>(batch);
        b.addAll(contracted);
        b.addAll(right);
        List<Integer> keep = new ArrayList<>(batch);
        keep.addAll(left);
        keep.addAll(right);
        Collections.shuffle(a, rnd);
        Collections.shuffle(b, rnd);
        Collections.shuffle(keep, rnd);
        checkAgainstReference(backend, ints(a), ints(b), ints(keep), rnd, "trial " + trial + " a=" + a + " b=" + b + " keep=" + keep);
      }
    }
  }

  /**
   * With every stack of matrices worth a loop (one row suffices) and random hints about the next
   * contraction, the layouts chosen (stacked reads, transposed products, reordered free indices)
   * still give the exact contraction; without a hint, an operand whose contracted indices sit in
   * its middle is read in place.
   */
  @ParameterizedTest
  @MethodSource("backends")
  void stackedOperandsAndLayoutHintsMatchTheReference(Precision precision, ComplexGemm gemm) {
    Random rnd = new Random(11);
    try (Nd4jBackend backend = new Nd4jBackend(precision, gemm, 1)) {
      for (int trial = 0; trial < 60; trial++) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < LOG2.length; i++) ids.add(i);
        Collections.shuffle(ids, rnd);
        int at = 0;
        List<Integer> outer = ids.subList(at, at += 1 + rnd.nextInt(2));
        List<Integer> contracted = ids.subList(at, at += 1 + rnd.nextInt(2));
        List<Integer> rows = ids.subList(at, at += 1 + rnd.nextInt(2));
        List<Integer> right = ids.subList(at, at += rnd.nextInt(3));
        List<Integer> a = new ArrayList<>(outer);
        a.addAll(contracted);
        a.addAll(rows);
        List<Integer> b = new ArrayList<>(contracted);
        b.addAll(right);
        Collections.shuffle(b, rnd);
        List<Integer> keep = new ArrayList<>(outer);
        keep.addAll(rows);
        keep.addAll(right);
        Collections.shuffle(keep, rnd);
        // odd trials hint at the next contraction, which may make permuting now worth it
        int[] nextSummed = trial % 2 == 0 ? new int[0] : ints(keep.subList(0, 1 + rnd.nextInt(keep.size())));
        String what = "trial " + trial + " a=" + a + " b=" + b + " keep=" + keep + " next=" + Arrays.toString(nextSummed);
        long before = backend.permutedElements();
        checkAgainstReference(backend, ints(a), ints(b), ints(keep), nextSummed, rnd, what);
        long bSize = 1;
        for (int ix : b) bSize <<= LOG2[ix];
        if (nextSummed.length == 0) {
          assertTrue(backend.permutedElements() - before <= bSize, what + ": the stacked operand was permuted");
        }
      }
    }
  }

  @Test
  void theProductGathersTheNextContractionsIndicesWithoutPermuting() {
    try (Nd4jBackend backend = new Nd4jBackend(Precision.COMPLEX128)) {
      Random rnd = new Random(4);
      // a gate [5, 6] on the last index of a tensor; the next contraction sums 0 (a's first) and 6 (the gate's output)
      DeviceTensor a = upload(backend, random(new int[] {0, 1, 2, 3, 4, 5}, rnd));
      DeviceTensor b = upload(backend, random(new int[] {5, 6}, rnd));
      DeviceTensor c = backend.contract(a, b, new int[] {1, 2, 3, 4, 0, 6}, new int[] {0, 6});
      assertEquals(0, backend.permutedElements());
      int[] order = c.indices();
      int i0 = Arrays.stream(order).boxed().toList().indexOf(0);
      int i6 = Arrays.stream(order).boxed().toList().indexOf(6);
      assertEquals(1, Math.abs(i0 - i6), "0 and 6 adjacent in " + Arrays.toString(order));
      assertTrue(Math.min(i0, i6) == 0 || Math.max(i0, i6) == order.length - 1, "at one end: " + Arrays.toString(order));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void permuteReordersValues(Precision precision, ComplexGemm gemm) {
    try (Nd4jBackend backend = new Nd4jBackend(precision, gemm)) {
      Operand t = random(new int[] {0, 1, 2}, new Random(3));
      DeviceTensor d = upload(backend, t);
      int[] order = {2, 0, 1};
      HostTensor p = backend.download(backend.permute(d, order));
      Operand ref = NaiveEinsum.contract(List.of(t), order, LOG2);
      assertArrayEquals(order, p.indices());
      Tolerance.assertClose(ref.re(), ref.im(), p.re(), p.im(), Tolerance.of(precision), "permute");
      DeviceTensor same = backend.permute(d, new int[] {0, 1, 2});
      backend.free(d);
      HostTensor copy = backend.download(same);
      Tolerance.assertClose(t.re(), t.im(), copy.re(), copy.im(), Tolerance.of(precision), "identity permute survives freeing its input");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void accumulateAddsInPlace(Precision precision, ComplexGemm gemm) {
    Random rnd = new Random(5);
    try (Nd4jBackend backend = new Nd4jBackend(precision, gemm)) {
      Operand x = random(new int[] {1, 4}, rnd);
      Operand y = random(new int[] {1, 4}, rnd);
      DeviceTensor sum = upload(backend, x);
      backend.accumulate(sum, upload(backend, y));
      HostTensor s = backend.download(sum);
      double[] re = new double[x.re().length];
      double[] im = new double[x.re().length];
      for (int i = 0; i < re.length; i++) {
        re[i] = x.re()[i] + y.re()[i];
        im[i] = x.im()[i] + y.im()[i];
      }
      Tolerance.assertClose(re, im, s.re(), s.im(), Tolerance.of(precision), "accumulate");
      assertThrows(IllegalArgumentException.class, () -> backend.accumulate(sum, upload(backend, random(new int[] {4, 1}, rnd))));
    }
  }

  @Test
  void complexHalfIsRefusedWithAClearMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Nd4jBackend(Precision.COMPLEX_HALF));
    assertTrue(e.getMessage().contains("complex-half") && e.getMessage().contains("CUDA"), e.getMessage());
  }

  @Test
  void freedTensorsCannotBeUsed() {
    try (Nd4jBackend backend = new Nd4jBackend(Precision.COMPLEX128)) {
      DeviceTensor t = upload(backend, random(new int[] {0}, new Random(1)));
      backend.free(t);
      assertThrows(IllegalStateException.class, () -> backend.download(t));
    }
  }

  @Test
  void aTraceIsRejected() {
    try (Nd4jBackend backend = new Nd4jBackend(Precision.COMPLEX128)) {
      Random rnd = new Random(2);
      DeviceTensor a = upload(backend, random(new int[] {0, 1}, rnd));
      DeviceTensor b = upload(backend, random(new int[] {1, 2}, rnd));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.contract(a, b, new int[] {2}));
      assertTrue(e.getMessage().contains("index 0"), e.getMessage());
    }
  }

  private static void checkAgainstReference(Nd4jBackend backend, int[] a, int[] b, int[] keep, Random rnd, String what) {
    checkAgainstReference(backend, a, b, keep, new int[0], rnd, what);
  }

  private static void checkAgainstReference(Nd4jBackend backend, int[] a, int[] b, int[] keep, int[] nextSummed,
      Random rnd, String what) {
    Operand x = random(a, rnd);
    Operand y = random(b, rnd);
    DeviceTensor da = upload(backend, x);
    DeviceTensor db = upload(backend, y);
    DeviceTensor dc = backend.contract(da, db, keep, nextSummed);
    HostTensor c = backend.download(dc);
    assertEquals(keep.length, c.indices().length, what + ": result rank");
    Operand ref = NaiveEinsum.contract(List.of(x, y), c.indices(), LOG2);
    Tolerance.assertClose(ref.re(), ref.im(), c.re(), c.im(), Tolerance.of(backend.precision()), what);
    // the inputs stay valid after a contraction
    HostTensor again = backend.download(da);
    assertArrayEquals(a, again.indices());
    backend.free(da);
    backend.free(db);
    backend.free(dc);
  }

  private static Operand random(int[] indices, Random rnd) {
    int size = 1;
    for (int ix : indices) size <<= LOG2[ix];
    double[] re = new double[size];
    double[] im = new double[size];
    for (int i = 0; i < size; i++) {
      re[i] = rnd.nextGaussian();
      im[i] = rnd.nextGaussian();
    }
    return new Operand(indices, re, im);
  }

  private static DeviceTensor upload(Nd4jBackend backend, Operand t) {
    int[] dims = new int[t.indices().length];
    for (int i = 0; i < dims.length; i++) dims[i] = LOG2[t.indices()[i]];
    return backend.upload(t.indices(), dims, t.re(), t.im());
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
