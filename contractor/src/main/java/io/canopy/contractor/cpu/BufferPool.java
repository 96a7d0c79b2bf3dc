package io.canopy.contractor.cpu;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Flat ND4J arrays kept for reuse, by length. A slice allocates the same sizes (powers of two)
 * over and over; creating an ND4J array costs tens of microseconds of native bookkeeping plus the
 * page faults of fresh memory, which dominated small contractions. The pool holds at most what was
 * live at the busiest moment; {@link #close()} releases it.
 */
final class BufferPool implements AutoCloseable {
  private final DataType type;
  private final Map<Long, ArrayDeque<INDArray>> free = new HashMap<>();

  BufferPool(DataType type) { this.type = type; }

  /** A flat array of {@code length} elements with undefined contents. */
  INDArray take(long length) {
    ArrayDeque<INDArray> q = free.get(length);
    INDArray a = q == null ? null : q.poll();
    return a != null ? a : Nd4j.createUninitialized(type, length);
  }

  /** Returns an array taken from this pool; the caller must not use it afterwards. */
  void give(INDArray a) {
    free.computeIfAbsent(a.length(), l -> new ArrayDeque<>()).push(a);
  }

  @Override
  public void close() {
    for (ArrayDeque<INDArray> q : free.values()) for (INDArray a : q) a.close();
    free.clear();
  }
}
