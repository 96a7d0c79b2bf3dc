package io.canopy.cuda.memory;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import io.canopy.contractor.Precision;
import io.canopy.cuda.CudaDevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;

/**
 * The backend's device memory: one allocation made when the backend starts, sized from the
 * {@link MemoryPlan}, and handed out by an {@link ArenaAllocator}. Starting refuses, with one
 * line, a plan that cannot fit the device, rather than failing midway through a slice.
 */
public final class DeviceMemoryPool implements AutoCloseable {
  /** Left to the context, cuBLAS's workspace and the kernel module. */
  static final long RESERVE = 1L << 30;
  /** Room for fragmentation on top of the plan's peak. */
  static final double HEADROOM = 1.15;
  static final long MINIMUM = 64L << 20;

  private final CUdeviceptr base = new CUdeviceptr();
  private final ArenaAllocator arena;
  private boolean closed;

  /** A block of the pool: its offset (for freeing) and its device address. */
  public record Block(long offset, CUdeviceptr pointer) {}

  public DeviceMemoryPool(CudaDevice device, MemoryPlan plan, Precision precision) {
    long size = size(plan, device.freeMemory(), precision, "cuda:" + device.index() + " (" + device.name() + ")");
    int status = cuMemAlloc(base, size);
    if (status != CUresult.CUDA_SUCCESS) {
      throw new IllegalStateException("allocating the " + ArenaAllocator.human(size) + " device memory pool failed: "
          + CUresult.stringFor(status));
    }
    this.arena = new ArenaAllocator(size);
  }

  /**
   * Bytes to take for a plan: its peak with a fragmentation margin, including the complex64
   * fallback of complex-half where that fits.
   *
   * @throws IllegalStateException (one line) if even the plan's normal peak does not fit
   */
  static long size(MemoryPlan plan, long freeBytes, Precision precision, String deviceName) {
    long usable = freeBytes - RESERVE;
    long withFallback = padded(plan.bytesWithFallback());
    if (withFallback <= usable) return withFallback;
    long normal = padded(plan.bytes());
    if (normal <= usable) return normal;
    throw new IllegalStateException(String.format(
        "plan needs %s of device memory at %s but %s has %s free (%s kept back for cuBLAS and the context); "
            + "plan with a smaller target size (more slices)",
        ArenaAllocator.human(normal), precision.label(), deviceName, ArenaAllocator.human(freeBytes),
        ArenaAllocator.human(RESERVE)));
  }

  private static long padded(long bytes) {
    return Math.max(MINIMUM, (long) Math.ceil(bytes * HEADROOM));
  }

  public Block allocate(long bytes) {
    long offset = arena.allocate(bytes);
    return new Block(offset, base.withByteOffset(offset));
  }

  public void free(Block block) { arena.free(block.offset()); }

  /** The device address of offset 0: blocks are at their offsets from it. */
  public CUdeviceptr base() { return base; }

  public long capacity() { return arena.capacity(); }

  public long peak() { return arena.peak(); }

  public void resetPeak() { arena.resetPeak(); }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    cuMemFree(base);
  }
}
