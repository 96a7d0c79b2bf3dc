package io.canopy.planner.pathfinders;

import java.util.Arrays;

/**
 * For each index, the live nodes holding it: the index-to-tensor map incremental path finders
 * keep so that a contraction finds its new neighbours without rescanning all tensors. Lists are
 * unordered; removal swaps the last entry in.
 */
final class IndexHolders {
  private final int[][] lists;
  private final int[] counts;

  IndexHolders(int numIndices) {
    lists = new int[numIndices][];
    counts = new int[numIndices];
    for (int i = 0; i < numIndices; i++) lists[i] = new int[2];
  }

  void add(int index, int node) {
    int[] l = lists[index];
    if (counts[index] == l.length) lists[index] = l = Arrays.copyOf(l, 2 * l.length);
    l[counts[index]++] = node;
  }

  void remove(int index, int node) {
    int[] l = lists[index];
    int c = counts[index];
    for (int k = 0; k < c; k++) {
      if (l[k] == node) {
        l[k] = l[c - 1];
        counts[index] = c - 1;
        return;
      }
    }
    throw new IllegalStateException("node " + node + " does not hold index " + index);
  }

  int count(int index) { return counts[index]; }

  /** The backing array; only the first {@link #count} entries are holders. */
  int[] list(int index) { return lists[index]; }
}
