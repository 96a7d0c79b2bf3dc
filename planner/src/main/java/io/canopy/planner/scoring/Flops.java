package io.canopy.planner.scoring;

import io.canopy.planner.ContractionTree;

/** log10 of the total multiply-adds. */
final class Flops implements Objective {
  private static final long serialVersionUID = 1L;

  @Override
  public double score(ContractionTree tree) { return tree.log10Flops(); }

  @Override
  public String toString() { return "flops"; }
}
