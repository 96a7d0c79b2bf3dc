package io.canopy.cuda;

import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasComputeType;
import jcuda.jcublas.cublasGemmAlgo;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;

/**
 * One real strided-batched GEMM through {@code cublasGemmStridedBatchedEx_64} with an explicit
 * {@code cublasComputeType} (the legacy overload, whose compute argument is a data type, returns
 * NOT_SUPPORTED for these and computes nothing). Column-major, no transposes, fp32 accumulation
 * and fp32 alpha.
 */
final class RealGemm {
  private RealGemm() {}

  /** The compute type: fp32 accumulation, TF32 tensor cores for fp32 operands if asked. */
  static int computeType(DType t, boolean tf32) {
    return t == DType.F32 && tf32 ? cublasComputeType.CUBLAS_COMPUTE_32F_FAST_TF32 : cublasComputeType.CUBLAS_COMPUTE_32F;
  }

  /** C = alpha A B for each of {@code batch} problems; checks the status. */
  static void run(cublasHandle handle, DType t, int compute, long m, long n, long k, Pointer a, long lda, long strideA,
      Pointer b, long ldb, long strideB, Pointer c, long ldc, long strideC, long batch, float alpha) {
    int status = JCublas2.cublasGemmStridedBatchedEx_64_new(handle,
        cublasOperation.CUBLAS_OP_N, cublasOperation.CUBLAS_OP_N, m, n, k,
        Pointer.to(new float[] {alpha}), a, t.cudaType, lda, strideA, b, t.cudaType, ldb, strideB,
        Pointer.to(new float[] {0f}), c, t.cudaType, ldc, strideC, batch, compute,
        cublasGemmAlgo.CUBLAS_GEMM_DEFAULT);
    CudaCheck.cublas(status, "cublasGemmStridedBatchedEx (" + t + ", m=" + m + " n=" + n + " k=" + k + " batch=" + batch + ")");
  }
}
