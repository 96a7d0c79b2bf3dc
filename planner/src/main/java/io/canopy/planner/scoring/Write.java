package io.canopy.planner.scoring;

import io.canopy.planner.ContractionTree;

/** log10 of the elements written over all slices. */
final class Write implements Objective {
  private static final long serialVersionUID = 1L;

  @Override
  public double score(ContractionTree tree) {
    return Math.log10(tree.writesPerSlice()) + tree.log2NumSlices() * Math.log10(2);
  }

  /** Writes dominate; multiply-adds only break ties. */
  @Override
  public double writeWeight() { return 1e6; }

  @Override
  public String toString() { return "write"; }
}
