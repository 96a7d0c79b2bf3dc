package io.canopy.cuda;

import io.canopy.contractor.DeviceTensor;
import io.canopy.cuda.memory.DeviceMemoryPool;
import jcuda.driver.CUdeviceptr;

/**
 * A planar complex tensor in device memory: the real plane, then the imaginary plane, each of
 * {@link #size()} elements of the storage type. The true values are the stored ones times
 * 2^{@link #exponent()}: complex-half keeps its stored values near 1 this way (53-qubit amplitudes
 * are about 2^-26.5, below fp16's normal range).
 */
public final class CudaTensor extends DeviceTensor {
  private final CudaBackend owner;
  private DeviceMemoryPool.Block block;
  private DType type;
  private int exponent;
  /** Largest stored |re| or |im|; NaN where not tracked (fp32 tensors). */
  private float maxAbs;
  /** Where this tensor's check waits on the device ({@link DeferredChecks}), -1 if known. */
  private int pendingSlot = -1;
  /** Slots whose magnitudes {@link #exponent} still lacks (while pending). */
  private int[] pendingShifts = new int[0];

  CudaTensor(CudaBackend owner, int[] indices, int[] log2Dims, DeviceMemoryPool.Block block, DType type) {
    super(indices, log2Dims);
    this.owner = owner;
    this.block = block;
    this.type = type;
    this.maxAbs = Float.NaN;
  }

  CudaBackend owner() { return owner; }

  boolean isFreed() { return block == null; }

  DeviceMemoryPool.Block block() { return block; }

  CUdeviceptr pointer() { return block.pointer(); }

  DType type() { return type; }

  /** Reals in both planes. */
  long reals() { return 2 * size(); }

  long bytes() { return reals() * type.bytes; }

  /** The exponent; while {@link #pending()}, only its part known on the host. */
  int exponent() { return exponent; }

  /** Whether the largest part (and part of the exponent) still waits on the device. */
  boolean pending() { return pendingSlot >= 0; }

  int pendingSlot() { return pendingSlot; }

  int[] pendingShifts() { return pendingShifts; }

  /** The result of a deferred step: known exponent part, its check's slot, the slots it still lacks. */
  void pending(int knownExponent, int slot, int[] shifts) {
    exponent = knownExponent;
    pendingSlot = slot;
    pendingShifts = shifts;
    maxAbs = Float.NaN;
  }

  /** Takes over another tensor's scale, pending or not (a permuted copy). */
  void scaleOf(CudaTensor t) {
    exponent = t.exponent;
    maxAbs = t.maxAbs;
    pendingSlot = t.pendingSlot;
    pendingShifts = t.pendingShifts;
  }

  /** The values read back for a pending tensor. */
  void resolved(int fullExponent, float max) {
    exponent = fullExponent;
    maxAbs = max;
    pendingSlot = -1;
    pendingShifts = new int[0];
  }

  void exponent(int e) { exponent = e; }

  float maxAbs() { return maxAbs; }

  void maxAbs(float m) { maxAbs = m; }

  /** Swaps in new storage (a slice sum moving to fp32); returns the old block for freeing. */
  DeviceMemoryPool.Block replaceStorage(DeviceMemoryPool.Block newBlock, DType newType) {
    DeviceMemoryPool.Block old = block;
    block = newBlock;
    type = newType;
    maxAbs = Float.NaN;
    return old;
  }

  /** Marks the tensor freed; returns its block. */
  DeviceMemoryPool.Block release() {
    DeviceMemoryPool.Block b = block;
    block = null;
    return b;
  }
}
