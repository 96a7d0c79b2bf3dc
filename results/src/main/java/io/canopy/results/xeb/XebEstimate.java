package io.canopy.results.xeb;

import java.util.Locale;

/**
 * A fidelity estimate from a finite set of bitstrings.
 *
 * @param value the estimate (mean of the per-bitstring terms)
 * @param standardError sample standard deviation of the terms over the square root of their count
 * @param samples number of bitstrings averaged
 */
public record XebEstimate(double value, double standardError, int samples) {

  /** How many standard errors {@code value} lies from {@code expected}. */
  public double sigmasFrom(double expected) {
    return Math.abs(value - expected) / standardError;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.6f ± %.6f (%d bitstrings)", value, standardError,
        samples);
  }
}
