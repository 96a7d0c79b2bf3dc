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
 * <p>A single product (batch 1, every contraction of a circuit network) calls OpenBLAS's
 * {@code cblas_?gemm} directly on the arrays' memory: ND4J's op machinery costs tens of
 * microseconds per call, which dominated the many small contractions of a slice. Batches go
 * through ND4J's batched matmul op.
 */
final class RealGemm {
  private static final int ROW_MAJOR = openblas.CblasRowMajor;
  private static final int NO_TRANS = openblas.CblasNoTrans;
  private static final int TRANS = openblas.CblasTrans;

  private final long batch;
  private final int m;
  private final int k;
  private final int n;
  private final boolean transA;
  private final boolean transB;

  /** A product of plain (untransposed) operands; batches must be so. */
  RealGemm(long batch, long m, long k, long n) {
    this(batch, m, k, n, false, false);
  }

  RealGemm(long batch, long m, long k, long n, boolean transA, boolean transB) {
    if (batch > 1 && (transA || transB)) throw new IllegalArgumentException("batched operands cannot be transposed");
    if (m > Integer.MAX_VALUE || k > Integer.MAX_VALUE || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("matrix dimensions " + m + "x" + k + "x" + n + " exceed BLAS's int range");
    }
    this.batch = batch;
    this.m = (int) m;
    this.k = (int) k;
    this.n = (int) n;
    this.transA = transA;
    this.transB = transB;
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
      openblas.cblas_dgemm(ROW_MAJOR, ta, tb, m, n, k, alpha, new DoublePointer(a.data().addressPointer()), lda,
          new DoublePointer(b.data().addressPointer()), ldb, beta, new DoublePointer(c.data().addressPointer()), ldc);
    } else {
      openblas.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, (float) alpha, new FloatPointer(a.data().addressPointer()), lda,
          new FloatPointer(b.data().addressPointer()), ldb, (float) beta, new FloatPointer(c.data().addressPointer()), ldc);
    }
  }
}
