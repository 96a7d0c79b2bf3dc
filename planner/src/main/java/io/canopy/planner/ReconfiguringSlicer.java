package io.canopy.planner;

/**
 * Slicing interleaved with subtree reconfiguration, after cotengra's
 * {@code slice_and_reconfigure}: slice a few log2 units at a time, then re-contract the subtrees
 * of the sliced tree under the new size cap, so the tree adapts to each slicing step instead of
 * the slicing adapting to a fixed tree. Ends with every intermediate within the target.
 *
 * <p>Running time: one {@link Slicer} step and one {@link SubtreeReconfigurer} run per
 * {@code step} log2 units between the tree's largest intermediate and the target.
 */
public final class ReconfiguringSlicer {
  private final int subtreeSize;
  private final int step;
  private final double writeWeight;
  private final SubtreeReconfigurer uncapped;

  /**
   * @param subtreeSize frontier size of the reconfigured subtrees
   * @param step log2 units of size removed by slicing between two reconfigurations, >= 1
   * @param writeWeight weight of written elements in the reconfiguration cost (0: flops)
   */
  public ReconfiguringSlicer(int subtreeSize, int step, double writeWeight) {
    if (step < 1) throw new IllegalArgumentException("slicing step must be >= 1, got " + step);
    this.subtreeSize = subtreeSize;
    this.step = step;
    this.writeWeight = writeWeight;
    this.uncapped = new SubtreeReconfigurer(subtreeSize, Integer.MAX_VALUE, writeWeight);
  }

  /**
   * Slices and reconfigures until the largest intermediate per slice is at most
   * {@code 2^targetLog2Size}.
   *
   * @throws IllegalArgumentException if the target is negative or unreachable (see {@link Slicer})
   */
  public ContractionTree slice(ContractionTree tree, int targetLog2Size) {
    ContractionTree t = uncapped.reconfigure(tree);
    while (t.log2MaxSize() > targetLog2Size) {
      int cap = Math.max(targetLog2Size, t.log2MaxSize() - step);
      t = Slicer.slice(t, cap);
      t = new SubtreeReconfigurer(subtreeSize, cap, writeWeight).reconfigure(t);
    }
    return t;
  }
}
