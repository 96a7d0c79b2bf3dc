package io.canopy.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One unit of distributed work: slices {@code [fromSlice, toSlice)} of the network of one
 * subspace (one closed bitstring). A task contracts the whole range and returns one partial sum.
 */
public record WorkItem(int subspace, long fromSlice, long toSlice) implements Serializable {
  /** More tasks than this swamp the driver's scheduler and memory long before they help. */
  static final long MAX_ITEMS = 1_000_000;

  public long slices() { return toSlice - fromSlice; }

  /**
   * Cuts every subspace's slices into ranges of at most {@code slicesPerTask}, subspace by
   * subspace, ranges in increasing order: the order partial sums are reduced in.
   */
  public static List<WorkItem> split(int subspaces, long numSlices, long slicesPerTask) {
    if (slicesPerTask < 1) throw new IllegalArgumentException("slices per task must be at least 1");
    long perSubspace = (numSlices + slicesPerTask - 1) / slicesPerTask;
    if (perSubspace > MAX_ITEMS / Math.max(1, subspaces)) {
      throw new IllegalArgumentException(subspaces + " x " + numSlices + " slices at " + slicesPerTask
          + " per task make more than " + MAX_ITEMS + " tasks; raise --slices-per-task");
    }
    List<WorkItem> items = new ArrayList<>();
    for (int s = 0; s < subspaces; s++) {
      for (long from = 0; from < numSlices; from += slicesPerTask) {
        items.add(new WorkItem(s, from, Math.min(numSlices, from + slicesPerTask)));
      }
    }
    return items;
  }
}
