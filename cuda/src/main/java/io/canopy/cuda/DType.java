package io.canopy.cuda;

import jcuda.cudaDataType;

/** Storage type of one real or imaginary part on the device. */
enum DType {
  F32(4, cudaDataType.CUDA_R_32F, "f32"),
  F16(2, cudaDataType.CUDA_R_16F, "f16");

  final int bytes;
  final int cudaType;
  /** Suffix of the kernels specialised for this type. */
  final String suffix;

  DType(int bytes, int cudaType, String suffix) {
    this.bytes = bytes;
    this.cudaType = cudaType;
    this.suffix = suffix;
  }
}
