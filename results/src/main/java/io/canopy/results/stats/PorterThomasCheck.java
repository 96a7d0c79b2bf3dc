package io.canopy.results.stats;

/**
 * Result of a {@link PorterThomas} check.
 *
 * @param histogram the scaled probabilities D p binned
 * @param expectedDensity mean of e^-x over each bin
 * @param ksDistance Kolmogorov-Smirnov distance to 1 - e^-x
 */
public record PorterThomasCheck(Histogram histogram, double[] expectedDensity,
    double ksDistance) {

  public PorterThomasCheck {
    expectedDensity = expectedDensity.clone();
  }

  /** Mean of e^-x over each bin (a copy). */
  @Override
  public double[] expectedDensity() {
    return expectedDensity.clone();
  }

  /**
   * The distance the KS statistic of N independent draws from e^-x exceeds with probability 1%
   * (asymptotic: 1.628 / sqrt(N)). Amplitudes of one subspace are correlated, so treat this as a
   * guide rather than a test.
   */
  public double criticalDistance1Percent() {
    return 1.628 / Math.sqrt(histogram.total());
  }

  /** Whether the KS distance is below the 1% critical distance. */
  public boolean consistent() {
    return ksDistance < criticalDistance1Percent();
  }
}
