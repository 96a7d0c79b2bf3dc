package io.canopy.planner.scoring;

import io.canopy.planner.ContractionTree;

/** log10 of flops plus weighted writes, totals over all slices. */
final class Combo implements Objective {
  private static final long serialVersionUID = 1L;
  static final double DEFAULT_FACTOR = 64;

  private final double factor;

  Combo(double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("combo factor must be a finite number >= 0, got " + factor);
    }
    this.factor = factor;
  }

  @Override
  public double score(ContractionTree tree) {
    double perSlice = tree.flopsPerSlice() + factor * tree.writesPerSlice();
    return Math.log10(perSlice) + tree.log2NumSlices() * Math.log10(2);
  }

  @Override
  public double writeWeight() { return factor; }

  @Override
  public String toString() { return "combo:" + factor; }
}
