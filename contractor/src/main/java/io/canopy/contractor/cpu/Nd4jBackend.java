package io.canopy.contractor.cpu;

import io.canopy.contractor.Backend;
import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.PairContraction;
import io.canopy.contractor.Precision;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU backend: planar complex tensors in ND4J arrays, pairwise contractions as (batched) real
 * GEMMs on OpenBLAS. Each contraction permutes its operands into {@code [batch, m, k]} and
 * {@code [batch, k, n]} (skipped when an operand is already laid out so) and returns the product
 * in the layout {@code [batch..., m..., n...]}, recorded in the result's index order, so no
 * permutation follows.
 *
 * <p>complex128 computes in double, complex64 in float; complex-half exists only on GPUs.
 */
public final class Nd4jBackend implements Backend {
  private final Precision precision;
  private final DataType type;
  private final ComplexGemm gemm;

  /** A backend with the complex product that measured fastest on CPUs ({@link ComplexGemm#FOUR_M}). */
  public Nd4jBackend(Precision precision) {
    this(precision, ComplexGemm.FOUR_M);
  }

  /**
   * @throws IllegalArgumentException for complex-half, which CPUs cannot compute in
   */
  public Nd4jBackend(Precision precision, ComplexGemm gemm) {
    this.type = switch (precision) {
      case COMPLEX128 -> DataType.DOUBLE;
      case COMPLEX64 -> DataType.FLOAT;
      case COMPLEX_HALF -> throw new IllegalArgumentException(
          "precision complex-half needs the CUDA backend; the CPU backend computes complex128 or complex64");
    };
    this.precision = precision;
    this.gemm = gemm;
    Nd4jRuntime.configure();
  }

  @Override
  public String name() { return "cpu"; }

  @Override
  public Precision precision() { return precision; }

  /** The complex product this backend forms its contractions with. */
  public ComplexGemm gemm() { return gemm; }

  @Override
  public DeviceTensor upload(int[] indices, int[] log2Dims, double[] re, double[] im) {
    return new Nd4jTensor(indices, log2Dims, toArray(re), toArray(im));
  }

  private INDArray toArray(double[] values) {
    if (type == DataType.DOUBLE) return Nd4j.createFromArray(values.clone());
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
    return Nd4j.createFromArray(f);
  }

  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep) {
    Nd4jTensor ta = cast(a);
    Nd4jTensor tb = cast(b);
    PairContraction pair = PairContraction.of(ta.indices(), tb.indices(), keep);
    int[] sizes = log2Sizes(ta, tb);
    long batch = size(pair.batch(), sizes);
    long m = size(pair.left(), sizes);
    long k = size(pair.contracted(), sizes);
    long n = size(pair.right(), sizes);
    INDArray[] x = arrange(ta, pair.leftLayout());
    INDArray[] y = arrange(tb, pair.rightLayout());
    INDArray cr = Nd4j.createUninitialized(type, batch * m * n);
    INDArray ci = Nd4j.createUninitialized(type, batch * m * n);
    gemm.multiply(new RealGemm(batch, m, k, n), x[0], x[1], y[0], y[1], cr, ci);
    releaseCopy(x, ta);
    releaseCopy(y, tb);
    int[] result = pair.resultLayout();
    return new Nd4jTensor(result, dimsOf(result, sizes), cr, ci);
  }

  @Override
  public DeviceTensor permute(DeviceTensor t, int[] order) {
    Nd4jTensor x = cast(t);
    int[] sizes = log2Sizes(x, x);
    INDArray[] p = arrange(x, order);
    // the result must own its buffers: an unpermuted tensor gets a copy
    if (p[0] == x.re()) p = new INDArray[] {p[0].dup(), p[1].dup()};
    return new Nd4jTensor(order, dimsOf(order, sizes), p[0], p[1]);
  }

  @Override
  public void accumulate(DeviceTensor sum, DeviceTensor term) {
    Nd4jTensor s = cast(sum);
    Nd4jTensor t = cast(term);
    if (!Arrays.equals(s.indices(), t.indices())) {
      throw new IllegalArgumentException("cannot add a tensor over " + Arrays.toString(t.indices())
          + " to one over " + Arrays.toString(s.indices()));
    }
    s.re().addi(t.re());
    s.im().addi(t.im());
  }

  @Override
  public HostTensor download(DeviceTensor t) {
    Nd4jTensor x = cast(t);
    return new HostTensor(x.indices(), toDoubles(x.re()), toDoubles(x.im()));
  }

  private static double[] toDoubles(INDArray a) {
    if (a.dataType() == DataType.DOUBLE) return a.toDoubleVector();
    try (INDArray d = a.castTo(DataType.DOUBLE)) {
      return d.toDoubleVector();
    }
  }

  @Override
  public void free(DeviceTensor t) { cast(t).release(); }

  @Override
  public void close() {
    // tensors own their buffers; nothing is pooled at the backend level
  }

  /**
   * A tensor's real and imaginary parts laid out in the given index order, as new flat C-order
   * arrays; the tensor's own arrays when it is laid out so already.
   */
  private INDArray[] arrange(Nd4jTensor t, int[] layout) {
    int[] perm = PairContraction.permutation(t.indices(), layout);
    if (PairContraction.isIdentity(perm)) return new INDArray[] {t.re(), t.im()};
    AxisPermutation p = AxisPermutation.of(t.shape(), perm);
    return new INDArray[] {permuted(p, t.re()), permuted(p, t.im())};
  }

  private INDArray permuted(AxisPermutation p, INDArray flat) {
    INDArray out = Nd4j.createUninitialized(type, flat.length());
    if (type == DataType.DOUBLE) p.apply(flat.data().asNioDouble(), out.data().asNioDouble());
    else p.apply(flat.data().asNioFloat(), out.data().asNioFloat());
    return out;
  }

  private static void releaseCopy(INDArray[] arranged, Nd4jTensor original) {
    if (arranged[0] != original.re()) {
      arranged[0].close();
      arranged[1].close();
    }
  }

  private Nd4jTensor cast(DeviceTensor t) {
    if (!(t instanceof Nd4jTensor x)) {
      throw new IllegalArgumentException("tensor " + t.getClass().getSimpleName() + " does not belong to the CPU backend");
    }
    if (x.re().dataType() != type) {
      throw new IllegalArgumentException("tensor of type " + x.re().dataType() + " given to a " + precision + " backend");
    }
    return x;
  }

  /** log2 sizes of the indices of two tensors, by index id (0 for ids neither holds). */
  private static int[] log2Sizes(Nd4jTensor a, Nd4jTensor b) {
    int max = 0;
    for (int ix : a.indices()) max = Math.max(max, ix + 1);
    for (int ix : b.indices()) max = Math.max(max, ix + 1);
    int[] sizes = new int[max];
    record(a, sizes);
    record(b, sizes);
    return sizes;
  }

  private static void record(Nd4jTensor t, int[] sizes) {
    int[] ix = t.indices();
    int[] d = t.log2Dims();
    for (int i = 0; i < ix.length; i++) sizes[ix[i]] = d[i];
  }

  private static long size(int[] indices, int[] log2Sizes) {
    int s = 0;
    for (int ix : indices) s += log2Sizes[ix];
    return 1L << s;
  }

  private static int[] dimsOf(int[] indices, int[] log2Sizes) {
    int[] d = new int[indices.length];
    for (int i = 0; i < d.length; i++) d[i] = log2Sizes[indices[i]];
    return d;
  }
}
