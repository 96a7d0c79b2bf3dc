package io.canopy.cuda.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Offsets inside one fixed-size region: best-fit allocation from a list of free blocks, and
 * coalescing with both neighbours on free. Device allocation calls synchronize the GPU and cost
 * far more than a contraction step on small tensors, so the backend takes its memory once and
 * hands it out through this bookkeeping. Not thread-safe (a backend is used by one thread).
 */
public final class ArenaAllocator {
  /** cuBLAS and vectorized kernels want aligned operands. */
  public static final long ALIGNMENT = 256;

  private final long capacity;
  private final TreeMap<Long, Long> freeBlocks = new TreeMap<>();
  private final Map<Long, Long> used = new HashMap<>();
  private long inUse;
  private long peak;

  public ArenaAllocator(long capacity) {
    if (capacity <= 0) throw new IllegalArgumentException("arena capacity must be positive, got " + capacity);
    this.capacity = capacity;
    freeBlocks.put(0L, capacity);
  }

  /**
   * Reserves {@code bytes} (rounded up to the alignment) and returns the offset.
   *
   * @throws IllegalStateException if no free block is large enough
   */
  public long allocate(long bytes) {
    long size = Math.max(ALIGNMENT, (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
    Long best = null;
    for (Map.Entry<Long, Long> e : freeBlocks.entrySet()) {
      if (e.getValue() >= size && (best == null || e.getValue() < freeBlocks.get(best))) best = e.getKey();
    }
    if (best == null) {
      throw new IllegalStateException(String.format("device memory pool exhausted: need %s, largest free block %s, %s of %s in use",
          human(size), human(largestFree()), human(inUse), human(capacity)));
    }
    long blockSize = freeBlocks.remove(best);
    if (blockSize > size) freeBlocks.put(best + size, blockSize - size);
    used.put(best, size);
    inUse += size;
    peak = Math.max(peak, inUse);
    return best;
  }

  /** Returns a block to the free list, merging it with free neighbours. */
  public void free(long offset) {
    Long size = used.remove(offset);
    if (size == null) throw new IllegalArgumentException("offset " + offset + " is not an allocated block");
    inUse -= size;
    long start = offset;
    long end = offset + size;
    Map.Entry<Long, Long> before = freeBlocks.floorEntry(offset);
    if (before != null && before.getKey() + before.getValue() == start) {
      start = before.getKey();
      freeBlocks.remove(start);
    }
    Long after = freeBlocks.get(end);
    if (after != null) {
      freeBlocks.remove(end);
      end += after;
    }
    freeBlocks.put(start, end - start);
  }

  public long capacity() { return capacity; }

  public long inUse() { return inUse; }

  /** Most bytes in use at once since creation or the last {@link #resetPeak()}. */
  public long peak() { return peak; }

  public void resetPeak() { peak = inUse; }

  public long largestFree() {
    long m = 0;
    for (long s : freeBlocks.values()) m = Math.max(m, s);
    return m;
  }

  static String human(long bytes) {
    if (bytes >= 1L << 30) return String.format("%.2f GiB", bytes / (double) (1L << 30));
    if (bytes >= 1L << 20) return String.format("%.1f MiB", bytes / (double) (1L << 20));
    return bytes + " B";
  }
}
