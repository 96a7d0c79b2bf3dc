package io.canopy.cuda;

import static io.canopy.cuda.CudaCheck.driver;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemsetD32;

import io.canopy.cuda.memory.DeviceMemoryPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * complex-half checks left on the device. A complex-half step needs its operands' largest parts
 * only to scale its result (alpha removes their magnitudes), and a small-operand step cannot
 * overflow fp16 on normalized operands; so such a step writes its check (largest |part|, NaN/Inf
 * flag) to a slot of its own here, the next step's kernel reads its operand's magnitude from that
 * slot, and the host reads all slots at once only where it needs a number (a GEMM step, a slice
 * sum, a download) or the slots run out. Reading each step's check instead cost a host
 * synchronization per step, during which the device idled while the host prepared the next one.
 *
 * <p>A tensor whose check is pending carries its slot and the slots whose magnitudes its exponent
 * still lacks ({@link CudaTensor#pendingSlot()}, {@link CudaTensor#pendingShifts()});
 * {@link #resolve()} fills both in for every pending tensor.
 */
final class DeferredChecks {
  /** Slots between two reads: 8 KiB of the pool; a slice of a 53-qubit tree has a few hundred steps. */
  static final int SLOTS = 1024;

  private final DeviceMemoryPool.Block words;
  private final List<CudaTensor> pending = new ArrayList<>();
  private int used;

  /** Slots from the backend's pool, which frees them with everything else when it closes. */
  DeferredChecks(DeviceMemoryPool pool) {
    this.words = pool.allocate(8L * SLOTS);
    driver(cuMemsetD32(words.pointer(), 0, 2L * SLOTS), "clearing the deferred check slots");
  }

  /** Slots left before the host must read them. */
  int room() { return SLOTS - used; }

  /** A fresh slot (zeroed) for a step's check; the caller must not ask when there is no {@link #room()}. */
  int take() { return used++; }

  /**
   * A slot's two words, as the check kernels write them: the largest |part| as float bits (what
   * the next step's kernel reads), then the NaN/Inf flag.
   */
  CUdeviceptr slot(int slot) { return words.pointer().withByteOffset(8L * slot); }

  /** A tensor whose scale waits on a slot, to be given its values by {@link #resolve()}. */
  void track(CudaTensor t) { pending.add(t); }

  /**
   * Reads every slot used, gives each pending tensor its largest part and full exponent, and frees
   * the slots. Synchronizes.
   *
   * @throws IllegalStateException if a deferred step gave NaN or Inf (only NaN or Inf operands can)
   */
  void resolve() {
    if (used == 0) return;
    int[] w = new int[2 * used];
    driver(cuMemcpyDtoH(Pointer.to(w), words.pointer(), 4L * w.length), "reading the deferred check slots");
    for (CudaTensor t : pending) {
      int slot = t.pendingSlot();
      if (slot < 0) continue;
      if (w[2 * slot + 1] != 0) {
        throw new IllegalStateException("complex-half contraction giving " + Arrays.toString(t.indices())
            + " produced NaN or Inf");
      }
      int exponent = t.exponent();
      for (int s : t.pendingShifts()) exponent += CudaBackend.magnitude(Float.intBitsToFloat(w[2 * s]));
      t.resolved(exponent, Float.intBitsToFloat(w[2 * slot]));
    }
    pending.clear();
    driver(cuMemsetD32(words.pointer(), 0, 2L * used), "clearing the deferred check slots");
    used = 0;
  }
}
