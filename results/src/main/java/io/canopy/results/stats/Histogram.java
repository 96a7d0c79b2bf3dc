package io.canopy.results.stats;

/**
 * Equal-width bins over [0, max); values at or above max are counted as overflow so that the
 * densities of the bins stay comparable to a density curve.
 */
public final class Histogram {
  private final double max;
  private final double width;
  private final long[] counts;
  private long overflow;
  private long total;

  public Histogram(int bins, double max) {
    if (bins < 1) throw new IllegalArgumentException("need at least one bin");
    if (!(max > 0) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("histogram range must be positive and finite");
    }
    this.max = max;
    this.width = max / bins;
    this.counts = new long[bins];
  }

  /** Adds one non-negative value. */
  public void add(double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("histogram values are >= 0, not " + value);
    }
    int bin = (int) (value / width);
    if (bin >= counts.length) overflow++; else counts[bin]++;
    total++;
  }

  public int bins() {
    return counts.length;
  }

  public double binWidth() {
    return width;
  }

  /** Lower edge of a bin, max * bin / bins (exact for round ranges, unlike bin * width). */
  public double lowerEdge(int bin) {
    return max * bin / counts.length;
  }

  public double upperEdge(int bin) {
    return lowerEdge(bin + 1);
  }

  public long count(int bin) {
    return counts[bin];
  }

  public long overflow() {
    return overflow;
  }

  public long total() {
    return total;
  }

  /** Count of the bin over total count and bin width: comparable to a probability density. */
  public double density(int bin) {
    return total == 0 ? 0 : counts[bin] / (total * width);
  }
}
