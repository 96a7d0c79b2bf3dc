package io.canopy.cuda;

import static io.canopy.cuda.CudaCheck.driver;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import java.util.Random;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * The two rates a contraction is measured against, taken on the device in the same process:
 * a large real GEMM (n = 8192, random operands, fp32 accumulation) in fp16 and in fp32, and a
 * device-to-device copy (bytes read plus bytes written). Each is the median of timed repetitions
 * after warm-up, timed with CUDA events, and each GEMM is checked against a host dot product.
 *
 * @param fp16GemmFlops real flop/s of an fp16 GEMM with fp32 accumulation
 * @param fp32GemmFlops real flop/s of an fp32 GEMM (TF32 when measured with tf32)
 * @param copyBytesPerSecond device memory bytes moved per second by a copy
 */
public record DeviceCeilings(double fp16GemmFlops, double fp32GemmFlops, double copyBytesPerSecond) {
  private static final int N = 8192;
  private static final int WARMUP = 3;
  private static final int REPEATS = 10;
  private static final long COPY_BYTES = 2L << 30;

  /** Measures on {@code device}, which needs about 4.5 GiB free. */
  public static DeviceCeilings measure(CudaDevice device, boolean tf32) {
    device.makeCurrent();
    return new DeviceCeilings(gemm(device, DType.F16, false), gemm(device, DType.F32, tf32), copy(device));
  }

  private static double gemm(CudaDevice device, DType t, boolean tf32) {
    long elements = (long) N * N;
    Random rnd = new Random(42);
    CUdeviceptr a = alloc(elements * t.bytes);
    CUdeviceptr b = alloc(elements * t.bytes);
    CUdeviceptr c = alloc(elements * t.bytes);
    try {
      float[] hostA = randomOperand(rnd, elements);
      float[] hostB = randomOperand(rnd, elements);
      upload(a, hostA, t);
      upload(b, hostB, t);
      int compute = RealGemm.computeType(t, tf32);
      double seconds = EventTimer.medianSeconds(REPEATS, WARMUP, () -> RealGemm.run(device.cublas(), t, compute,
          N, N, N, a, N, elements, b, N, elements, c, N, elements, 1, 1f));
      checkFirstElement(c, hostA, hostB, t);
      return 2.0 * N * N * N / seconds;
    } finally {
      cuMemFree(a);
      cuMemFree(b);
      cuMemFree(c);
    }
  }

  private static double copy(CudaDevice device) {
    CUdeviceptr src = alloc(COPY_BYTES);
    CUdeviceptr dst = alloc(COPY_BYTES);
    try {
      double seconds = EventTimer.medianSeconds(REPEATS, WARMUP,
          () -> driver(cuMemcpyDtoD(dst, src, COPY_BYTES), "device-to-device copy"));
      return 2.0 * COPY_BYTES / seconds;
    } finally {
      cuMemFree(src);
      cuMemFree(dst);
    }
  }

  /** Values of either sign with magnitudes in [1/16, 2): normal in fp16, never zero. */
  private static float[] randomOperand(Random rnd, long elements) {
    float[] v = new float[(int) elements];
    for (int i = 0; i < v.length; i++) {
      float magnitude = Math.scalb(1f + rnd.nextFloat(), -rnd.nextInt(5));
      v[i] = rnd.nextBoolean() ? magnitude : -magnitude;
    }
    return v;
  }

  private static void upload(CUdeviceptr p, float[] values, DType t) {
    if (t == DType.F32) {
      driver(cuMemcpyHtoD(p, Pointer.to(values), 4L * values.length), "copying an operand");
      return;
    }
    short[] half = new short[values.length];
    for (int i = 0; i < values.length; i++) half[i] = HalfFloat.fromFloat(values[i]);
    driver(cuMemcpyHtoD(p, Pointer.to(half), 2L * half.length), "copying an operand");
  }

  /** C(0,0) against the host: a product that computed nothing or garbage fails here. */
  private static void checkFirstElement(CUdeviceptr c, float[] a, float[] b, DType t) {
    double expected = 0;
    for (int k = 0; k < N; k++) {
      // column-major: A(0,k) at k*N, B(k,0) at k
      double x = t == DType.F16 ? HalfFloat.toFloat(HalfFloat.fromFloat(a[k * N])) : a[k * N];
      double y = t == DType.F16 ? HalfFloat.toFloat(HalfFloat.fromFloat(b[k])) : b[k];
      expected += x * y;
    }
    double got;
    if (t == DType.F32) {
      float[] v = new float[1];
      driver(cuMemcpyDtoH(Pointer.to(v), c, 4), "reading a result");
      got = v[0];
    } else {
      short[] v = new short[1];
      driver(cuMemcpyDtoH(Pointer.to(v), c, 2), "reading a result");
      got = HalfFloat.toFloat(v[0]);
    }
    double scale = Math.sqrt(N) * 2;
    if (!(Math.abs(got - expected) <= 2e-2 * scale)) {
      throw new IllegalStateException("GEMM ceiling probe computed " + got + " for C(0,0), expected " + expected + " (" + t + ")");
    }
  }

  private static CUdeviceptr alloc(long bytes) {
    CUdeviceptr p = new CUdeviceptr();
    driver(cuMemAlloc(p, bytes), "allocating " + bytes + " bytes for the ceiling probes");
    return p;
  }
}
