package io.canopy.cuda;

import jcuda.driver.CUresult;
import jcuda.jcublas.cublasStatus;

/**
 * Status checks. JCuda's exceptions are off (some calls return an error without throwing even
 * with them on), so every driver and cuBLAS status is checked here.
 */
final class CudaCheck {
  private CudaCheck() {}

  static void driver(int status, String what) {
    if (status != CUresult.CUDA_SUCCESS) {
      throw new IllegalStateException(what + " failed: " + CUresult.stringFor(status));
    }
  }

  static void cublas(int status, String what) {
    if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
      throw new IllegalStateException(what + " failed: " + cublasStatus.stringFor(status) + " (" + status + ")");
    }
  }
}
