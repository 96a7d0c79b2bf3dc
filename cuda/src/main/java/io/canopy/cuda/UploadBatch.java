package io.canopy.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Small uploads that one launch of {@code from_staging_*} moves from the staging ring into their
 * tensors, one block a tensor ({@code UploadBatch} in canopy_kernels.cu, passed by value). A
 * slice's inputs are a hundred or more tensors of a few elements; launched one by one, their
 * conversions kept the device waiting for the host, about 15 us each (m20 slices, H200).
 */
final class UploadBatch {
  /** Tensors a launch takes (the kernel's {@code UPLOAD_BATCH}; the struct stays under 4 KB). */
  static final int CAPACITY = 192;
  /** Reals (both planes) of the largest tensor a batch takes: one block of 256 threads moves it. */
  static final long MAX_REALS = 1 << 14;

  private final long[] target = new long[CAPACITY];
  private final int[] reals = new int[CAPACITY];
  private final int[] source = new int[CAPACITY];
  private int count;

  /**
   * Adds a tensor at byte {@code poolOffset} of the memory pool, whose {@code reals} fp32 values
   * sit at byte {@code ringOffset} of the staging ring.
   */
  void add(long poolOffset, long ringOffset, long reals) {
    if (count == CAPACITY || reals > MAX_REALS) throw new IllegalStateException("the batch takes no more");
    target[count] = poolOffset;
    this.reals[count] = (int) reals;
    source[count] = (int) (ringOffset / Float.BYTES);
    count++;
  }

  int count() { return count; }

  boolean isFull() { return count == CAPACITY; }

  void clear() { count = 0; }

  /** The struct's bytes: target[CAPACITY] (long), reals[CAPACITY], source[CAPACITY], count, padding. */
  byte[] toKernelParam() {
    ByteBuffer b = ByteBuffer.allocate(16 * CAPACITY + 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long t : target) b.putLong(t);
    for (int r : reals) b.putInt(r);
    for (int s : source) b.putInt(s);
    b.putInt(count);
    return b.array();
  }
}
