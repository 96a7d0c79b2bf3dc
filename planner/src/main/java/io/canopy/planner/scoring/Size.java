package io.canopy.planner.scoring;

import io.canopy.planner.ContractionTree;

/**
 * Largest intermediate, ties broken by flops: log2 sizes are integers and log10 flops stay below
 * 1000, so {@code size + flops / 1000} orders trees lexicographically.
 */
final class Size implements Objective {
  private static final long serialVersionUID = 1L;

  @Override
  public double score(ContractionTree tree) { return tree.log2MaxSize() + tree.log10Flops() / 1000; }

  @Override
  public String toString() { return "size"; }
}
