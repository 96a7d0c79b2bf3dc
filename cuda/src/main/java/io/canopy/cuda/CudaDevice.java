package io.canopy.cuda;

import static io.canopy.cuda.CudaCheck.driver;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;

import java.nio.charset.StandardCharsets;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;

/**
 * One GPU: its primary context (shared by the driver API, which runs the kernels, and cuBLAS,
 * which uses the runtime API), a cuBLAS handle and the kernel module. Work goes to the default
 * stream, so kernels and GEMMs run in the order they are issued.
 */
public final class CudaDevice implements AutoCloseable {
  private final int index;
  private final CUdevice device = new CUdevice();
  private final CUcontext context = new CUcontext();
  private final cublasHandle cublasHandle = new cublasHandle();
  private final String name;
  private final int multiprocessors;
  private final long totalMemory;
  private final Kernels kernels;
  private boolean closed;

  /**
   * Opens device {@code index}.
   *
   * @throws IllegalStateException if there is no GPU (with the reason) or no such device
   */
  public CudaDevice(int index) {
    CudaNatives.require();
    int count = CudaNatives.availability().devices();
    if (index < 0 || index >= count) {
      throw new IllegalStateException("no CUDA device " + index + " (this host has " + count + ")");
    }
    this.index = index;
    driver(cuDeviceGet(device, index), "cuDeviceGet");
    driver(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    driver(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    byte[] nameBytes = new byte[256];
    driver(cuDeviceGetName(nameBytes, nameBytes.length, device), "cuDeviceGetName");
    int len = 0;
    while (len < nameBytes.length && nameBytes[len] != 0) len++;
    this.name = new String(nameBytes, 0, len, StandardCharsets.US_ASCII);
    this.multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    long[] total = new long[1];
    driver(cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
    this.totalMemory = total[0];
    CudaCheck.cublas(JCublas2.cublasCreate(cublasHandle), "cublasCreate");
    this.kernels = new Kernels(this);
  }

  private int attribute(int attribute) {
    int[] v = new int[1];
    driver(cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute");
    return v[0];
  }

  /** Makes this device's context current on the calling thread (a backend may change threads). */
  public void makeCurrent() { driver(cuCtxSetCurrent(context), "cuCtxSetCurrent"); }

  /** Waits for all issued work and reports any asynchronous kernel error. */
  public void synchronize() { driver(cuCtxSynchronize(), "device work"); }

  public int index() { return index; }

  public String name() { return name; }

  public int multiprocessors() { return multiprocessors; }

  public long totalMemory() { return totalMemory; }

  public String computeCapability() {
    return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR) + "."
        + attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
  }

  /** The driver's CUDA version, e.g. 13000 for 13.0. */
  public static int driverVersion() {
    int[] v = new int[1];
    driver(cuDriverGetVersion(v), "cuDriverGetVersion");
    return v[0];
  }

  public long freeMemory() {
    long[] free = new long[1];
    long[] total = new long[1];
    driver(cuMemGetInfo(free, total), "cuMemGetInfo");
    return free[0];
  }

  cublasHandle cublas() { return cublasHandle; }

  Kernels kernels() { return kernels; }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    makeCurrent();
    JCublas2.cublasDestroy(cublasHandle);
    kernels.close();
    cuDevicePrimaryCtxRelease(device);
  }
}
