package io.canopy.contractor.cpu;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One real matrix product shape, {@code c = alpha op(a) op(b) + beta c} on flat C-order arrays
 * holding {@code batch} matrices {@code [m, k]} (or {@code [k, m]} when {@code a} is transposed),
 * {@code [k, n]} (or {@code [n, k]}) and {@code [m, n]}.
 *
 * <p>Products without batch indices call OpenBLAS's {@code cblas_?gemm} directly on the arrays'
 * memory: ND4J's op machinery costs tens of microseconds per call, which dominated the many small
 * contractions of a slice. Such a product may be a loop of GEMMs over a stack of matrices held in
 * one operand ({@link #looped}), so that an operand whose contracted indices sit in its middle is
 * read in place. Batches (Hadamard indices) go through ND4J's batched matmul op.
 */
final class RealGemm {
  private static final int ROW_MAJOR = openblas.CblasRowMajor;
  private static final int NO_TRANS = openblas.CblasNoTrans;
  private static final int TRANS = openblas.CblasTrans;

  private final long batch;
  private final long loops;
  private final long strideA;
  private final long strideB;
  private final long strideC;
  private final int m;
  private final int k;
  private final int n;
  private final boolean transA;
  private final boolean transB;

  /** A batch of products of plain (untransposed) operands, one matrix after the other in each array. */
  RealGemm(long batch, long m, long k, long n) {
    this(batch, 1, 0, 0, 0, m, k, n, false, false);
  }

  private RealGemm(long batch, long loops, long strideA, long strideB, long strideC, long m, long k, long n,
      boolean transA, boolean transB) {
    if (m > Integer.MAX_VALUE || k > Integer.MAX_VALUE || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("matrix dimensions " + m + "x" + k + "x" + n + " exceed BLAS's int range");
    }
    this.batch = batch;
    this.loops = loops;
    this.strideA = strideA;
    this.strideB = strideB;
    this.strideC = strideC;
    this.m = (int) m;
    this.k = (int) k;
    this.n = (int) n;
    this.transA = transA;
    this.transB = transB;
  }

  /**
   * {@code loops} GEMMs, the i-th on the matrices at element offsets {@code i * stride} of each
   * array (a stride of 0 reuses the same matrix), all with the same shape and transposes.
   */
  static RealGemm looped(long loops, long strideA, long strideB, long strideC, long m, long k, long n,
      boolean transA, boolean transB) {
    return new RealGemm(1, loops, strideA, strideB, strideC, m, k, n, transA, transB);
  }

  void apply(INDArray a, INDArray b, INDArray c, double alpha, double beta) {
    if (batch > 1) {
      Nd4j.exec(new Mmul(a.reshape(batch, m, k), b.reshape(batch, k, n), c.reshape(batch, m, n),
          alpha, beta, MMulTranspose.allFalse()));
      return;
    }
    int ta = transA ? TRANS : NO_TRANS;
    int tb = transB ? TRANS : NO_TRANS;
    int lda = Math.max(1, transA ? m : k);
    int ldb = Math.max(1, transB ? k : n);
    int ldc = Math.max(1, n);
    if (c.dataType() == DataType.DOUBLE) {
      DoublePointer pa = new DoublePointer(a.data().addressPointer());
      DoublePointer pb = new DoublePointer(b.data().addressPointer());
      DoublePointer pc = new DoublePointer(c.data().addressPointer());
      for (long i = 0; i < loops; i++) {
        openblas.cblas_dgemm(ROW_MAJOR, ta, tb, m, n, k, alpha, pa.position(i * strideA), lda,
            pb.position(i * strideB), ldb, beta, pc.position(i * strideC), ldc);
      }
    } else {
      FloatPointer pa = new FloatPointer(a.data().addressPointer());
      FloatPointer pb = new FloatPointer(b.data().addressPointer());
      FloatPointer pc = new FloatPointer(c.data().addressPointer());
      for (long i = 0; i < loops; i++) {
        openblas.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, (float) alpha, pa.position(i * strideA), lda,
            pb.position(i * strideB), ldb, (float) beta, pc.position(i * strideC), ldc);
      }
    }
  }
}
