package io.canopy.contractor.cpu;

import io.canopy.contractor.Backend;
import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.PairContraction;
import io.canopy.contractor.Precision;
import io.canopy.planner.SmallOperandFusion;
import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CPU backend: planar complex tensors in flat ND4J arrays, pairwise contractions as real GEMMs
 * on OpenBLAS. A contraction reads an operand in place whenever its contracted indices already
 * form one block (at either end: one GEMM, transposed if need be; in the middle: a loop of GEMMs
 * over the stacked matrices), permutes it otherwise ({@link AxisPermutation}), and lays the
 * product out so that the indices the next contraction sums over form such a block where that
 * saves permuting later ({@link GemmLayout}); the product's index order is recorded in the result,
 * so no permutation follows. Contractions with batch (Hadamard) indices use {@code [batch, m, k]}
 * and {@code [batch, k, n]} and ND4J's batched matmul. Buffers are recycled ({@link BufferPool}).
 *
 * <p>complex128 computes in double, complex64 in float; complex-half exists only on GPUs.
 */
public final class Nd4jBackend implements Backend {
  /**
   * Rows per GEMM from which looping over slabs beats permuting: below it the calls' fixed cost
   * (and OpenBLAS running small GEMMs on one core) outweighs one pass over the operand.
   */
  static final long MIN_LOOP_ROWS = 1 << 12;
  /** Small-operand fusion: see {@link #smallOperandFusion()}. */
  private static final SmallOperandFusion.Limits FUSION = new SmallOperandFusion.Limits(11, 6, 20);
  private final Precision precision;
  private final DataType type;
  private final ComplexGemm gemm;
  /** Fewest rows per GEMM for which an operand's stacked matrices are looped over rather than permuted. */
  private final long minLoopRows;
  private final BufferPool pool;
  private long permuteNanos;
  private long gemmNanos;
  private long permutedElements;
  private boolean fuseSmallOperands = true;

  /**
   * Limits the BLAS threads of every CPU backend in this JVM (process-wide in OpenBLAS): where
   * several tasks contract at once, each should use its share of the cores, not all of them.
   */
  public static void limitThreads(int threads) { Nd4jRuntime.blasThreads(threads); }

  /** A backend with the complex product that measured fastest on CPUs ({@link ComplexGemm#FOUR_M}). */
  public Nd4jBackend(Precision precision) {
    this(precision, ComplexGemm.FOUR_M);
  }

  /**
   * @throws IllegalArgumentException for complex-half, which CPUs cannot compute in
   */
  public Nd4jBackend(Precision precision, ComplexGemm gemm) {
    this(precision, gemm, MIN_LOOP_ROWS);
  }

  /**
   * @param minLoopRows fewest rows a GEMM over a slab of a stacked operand {@code [P, k, Q]} must
   *     have ({@code Q}) for the backend to loop over the slabs instead of permuting the operand
   */
  Nd4jBackend(Precision precision, ComplexGemm gemm, long minLoopRows) {
    this.minLoopRows = minLoopRows;
    this.type = switch (precision) {
      case COMPLEX128 -> DataType.DOUBLE;
      case COMPLEX64 -> DataType.FLOAT;
      case COMPLEX_HALF -> throw new IllegalArgumentException(
          "precision complex-half needs the CUDA backend; the CPU backend computes complex128 or complex64");
    };
    this.precision = precision;
    this.gemm = gemm;
    Nd4jRuntime.configure();
    this.pool = new BufferPool(type);
  }

  @Override
  public String name() { return "cpu"; }

  @Override
  public Precision precision() { return precision; }

  /** Seconds spent so far laying operands out for contractions (permutations and buffers). */
  public double permuteSeconds() { return permuteNanos / 1e9; }

  /** Complex elements copied so far to lay operands out (a measure of layout work that load does not skew). */
  public long permutedElements() { return permutedElements; }

  /** Seconds spent so far in the complex products of contractions. */
  public double gemmSeconds() { return gemmNanos / 1e9; }

  /** The complex product this backend forms its contractions with. */
  public ComplexGemm gemm() { return gemm; }

  @Override
  public DeviceTensor upload(int[] indices, int[] log2Dims, double[] re, double[] im) {
    return new Nd4jTensor(indices, log2Dims, toArray(re), toArray(im));
  }

  private INDArray toArray(double[] values) {
    INDArray a = pool.take(values.length);
    if (type == DataType.DOUBLE) {
      a.data().asNioDouble().put(0, values);
    } else {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
      a.data().asNioFloat().put(0, f);
    }
    return a;
  }

  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep) {
    return contract(a, b, keep, new int[0]);
  }

  /** Lays the product out so that the indices {@code nextSummed} form a block where that costs less than permuting later. */
  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep, int[] nextSummed) {
    Nd4jTensor ta = cast(a);
    Nd4jTensor tb = cast(b);
    PairContraction pair = PairContraction.of(ta.indices(), tb.indices(), keep);
    int[] sizes = log2Sizes(ta, tb);
    long batch = size(pair.batch(), sizes);
    long m = size(pair.left(), sizes);
    long n = size(pair.right(), sizes);
    long t0 = System.nanoTime();
    INDArray[] x;
    INDArray[] y;
    RealGemm real;
    int[] result;
    if (pair.batch().length == 0) {
      GemmLayout layout = GemmLayout.choose(ta.indices(), tb.indices(), sizes, pair, keep, nextSummed, minLoopRows);
      INDArray[] xa = arrange(ta, layout.aLayout);
      INDArray[] xb = arrange(tb, layout.bLayout);
      x = layout.aIsLeft ? xa : xb;
      y = layout.aIsLeft ? xb : xa;
      real = layout.gemm;
      result = layout.result;
    } else {
      x = arrange(ta, pair.leftLayout());
      y = arrange(tb, pair.rightLayout());
      real = new RealGemm(batch, m, size(pair.contracted(), sizes), n);
      result = pair.resultLayout();
    }
    INDArray cr = pool.take(batch * m * n);
    INDArray ci = pool.take(batch * m * n);
    long t1 = System.nanoTime();
    gemm.multiply(real, x[0], x[1], y[0], y[1], cr, ci);
    long t2 = System.nanoTime();
    permuteNanos += t1 - t0;
    gemmNanos += t2 - t1;
    releaseCopy(x, ta, tb);
    releaseCopy(y, ta, tb);
    return new Nd4jTensor(result, dimsOf(result, sizes), cr, ci);
  }

  /**
   * Fuses runs of small operands up to 2^6 contracted elements on tensors from 2^20 elements (8
   * MiB in complex64, beyond the caches): the skinny products on such tensors are bound by memory
   * traffic, so one pass with up to 16x the multiply-adds per element beats several. Measured on
   * slices of a 53-qubit m12 plan (2^26 elements, complex64, 2 cores): 7.2-7.6 s per slice as
   * planned, 6.3-6.7 s fusing up to 2^4 contracted elements, 5.1-5.7 s up to 2^6
   * (docs/benchmarks.md).
   */
  @Override
  public Optional<SmallOperandFusion.Limits> smallOperandFusion() {
    return fuseSmallOperands ? Optional.of(FUSION) : Optional.empty();
  }

  /** Whether contractors on this backend fuse small operands (on by default; off to compare). */
  public void fuseSmallOperands(boolean on) { fuseSmallOperands = on; }

  @Override
  public DeviceTensor permute(DeviceTensor t, int[] order) {
    Nd4jTensor x = cast(t);
    int[] sizes = log2Sizes(x, x);
    INDArray[] p = arrange(x, order);
    // the result must own its buffers: an unpermuted tensor gets a copy
    if (p[0] == x.re()) p = new INDArray[] {copy(p[0]), copy(p[1])};
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
  public void free(DeviceTensor t) {
    Nd4jTensor x = cast(t);
    pool.give(x.re());
    pool.give(x.im());
    x.release();
  }

  /** Releases the buffers kept for reuse; tensors still live stay valid. */
  @Override
  public void close() { pool.close(); }

  private INDArray copy(INDArray a) {
    INDArray c = pool.take(a.length());
    c.assign(a);
    return c;
  }

  /**
   * A tensor's real and imaginary parts laid out in the given index order, as new flat C-order
   * arrays; the tensor's own arrays when it is laid out so already.
   */
  private INDArray[] arrange(Nd4jTensor t, int[] layout) {
    int[] perm = PairContraction.permutation(t.indices(), layout);
    if (PairContraction.isIdentity(perm)) return new INDArray[] {t.re(), t.im()};
    AxisPermutation p = AxisPermutation.of(t.shape(), perm);
    permutedElements += t.size();
    return new INDArray[] {permuted(p, t.re()), permuted(p, t.im())};
  }

  private INDArray permuted(AxisPermutation p, INDArray flat) {
    INDArray out = pool.take(flat.length());
    if (type == DataType.DOUBLE) p.apply(flat.data().asNioDouble(), out.data().asNioDouble());
    else p.apply(flat.data().asNioFloat(), out.data().asNioFloat());
    return out;
  }

  private void releaseCopy(INDArray[] arranged, Nd4jTensor a, Nd4jTensor b) {
    if (arranged[0] != a.re() && arranged[0] != b.re()) {
      pool.give(arranged[0]);
      pool.give(arranged[1]);
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
