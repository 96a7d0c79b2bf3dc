package io.canopy.cuda.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Offsets inside one fixed-size region: large blocks taken in turn from the bottom and the top of
 * the free space ({@link #LARGE_FRACTION}), small ones best-fit, and coalescing with both
 * neighbours on free. Device allocation calls synchronize the GPU and cost
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
  private long largeAllocations;

  /** A region of {@code capacity} bytes, rounded down to the alignment (blocks are taken from both ends). */
  public ArenaAllocator(long capacity) {
    if (capacity < ALIGNMENT) throw new IllegalArgumentException("arena capacity must be at least " + ALIGNMENT + ", got " + capacity);
    this.capacity = capacity / ALIGNMENT * ALIGNMENT;
    freeBlocks.put(0L, this.capacity);
  }

  /**
   * Reserves {@code bytes} (rounded up to the alignment) and returns the offset.
   *
   * @throws IllegalStateException if no free block is large enough
   */
  public long allocate(long bytes) {
    long size = Math.max(ALIGNMENT, (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
    boolean large = size > capacity / LARGE_FRACTION;
    boolean top = large && (largeAllocations++ & 1) == 1;
    Long chosen = null;
    for (Map.Entry<Long, Long> e : freeBlocks.entrySet()) {
      if (e.getValue() < size) continue;
      // large: the lowest or the highest block that fits (entries ascend); small: the best fit
      if (chosen == null || (large ? top : e.getValue() < freeBlocks.get(chosen))) chosen = e.getKey();
    }
    if (chosen == null) {
      throw new IllegalStateException(String.format("device memory pool exhausted: need %s, largest free block %s, %s of %s in use",
          human(size), human(largestFree()), human(inUse), human(capacity)));
    }
    long blockSize = freeBlocks.remove(chosen);
    long offset = top ? chosen + blockSize - size : chosen;
    if (blockSize > size) freeBlocks.put(top ? chosen : chosen + size, blockSize - size);
    used.put(offset, size);
    inUse += size;
    peak = Math.max(peak, inUse);
    return offset;
  }

  /**
   * Blocks above capacity / this are large. Large blocks are taken in turn from the bottom and
   * from the top of the free space: a chain of steps whose output is allocated while its input is
   * alive and then replaces it (the trees of the planner are such chains of growing
   * intermediates) then puts each output at the other end from its input, and the freed input
   * joins the free middle. With best fit alone, a 2^29-element input left at the bottom put the
   * 2^30-element output beside it and split the free space so that the next 2^30 did not fit:
   * the 2^30-2^33 plans of docs/benchmarks.md needed more than their peak plus 15% headroom,
   * which the pool had hidden while it counted GEMM scratch for every step.
   */
  static final long LARGE_FRACTION = 32;

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
