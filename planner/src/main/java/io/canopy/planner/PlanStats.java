package io.canopy.planner;

import java.io.Serializable;

/**
 * The numbers people compare plans by.
 *
 * @param log10Flops log10 of the multiply-adds of the unsliced tree
 * @param log2MaxSize log2 of the largest intermediate within one slice
 * @param numSlices number of slices (as a double: planning may consider very many)
 * @param slicedLog10Flops log10 of the multiply-adds summed over all slices
 * @param overhead total sliced cost over unsliced cost (1 when not sliced)
 */
public record PlanStats(double log10Flops, int log2MaxSize, double numSlices,
    double slicedLog10Flops, double overhead) implements Serializable {

  public static PlanStats of(ContractionTree tree) {
    double unsliced = tree.withSliced(new int[0]).log10Flops();
    double sliced = tree.log10Flops();
    return new PlanStats(unsliced, tree.log2MaxSize(), tree.numSlices(), sliced,
        Double.isInfinite(unsliced) ? 1 : Math.pow(10, sliced - unsliced));
  }

  @Override
  public String toString() {
    return String.format("log10 cost %.3f (sliced total %.3f), log2 largest intermediate %d, "
        + "%.0f slices, overhead %.3f", log10Flops, slicedLog10Flops, log2MaxSize, numSlices, overhead);
  }
}
