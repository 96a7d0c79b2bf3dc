package io.canopy.results.stats;

import java.util.Arrays;

/**
 * Porter-Thomas check: for a random circuit on n qubits, D = 2^n, the scaled probabilities
 * x = D p(x) of uniformly chosen bitstrings follow the exponential density e^-x. The check bins
 * x, sets each bin's observed density against the mean of e^-x over the bin, and measures the
 * Kolmogorov-Smirnov distance between the empirical distribution of x and 1 - e^-x.
 *
 * <p>Feed it amplitudes of uniformly chosen bitstrings (a full state vector, whole correlated
 * subspaces, random bitstrings). Bitstrings sampled from the circuit follow x e^-x instead, and
 * post-selected ones neither.
 */
public final class PorterThomas {
  /** Default range of x in the histogram: e^-6 leaves 0.25% of the mass above it. */
  public static final double DEFAULT_MAX = 6;
  public static final int DEFAULT_BINS = 30;

  private PorterThomas() {}

  /**
   * @param probabilities p(x) of uniformly chosen bitstrings
   * @param numQubits n
   */
  public static PorterThomasCheck check(double[] probabilities, int numQubits, int bins,
      double max) {
    if (probabilities.length == 0) throw new IllegalArgumentException("no probabilities to check");
    double dimension = Math.pow(2, numQubits);
    double[] scaled = new double[probabilities.length];
    Histogram histogram = new Histogram(bins, max);
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = dimension * probabilities[i];
      histogram.add(scaled[i]);
    }
    double[] expected = new double[bins];
    for (int b = 0; b < bins; b++) {
      double lo = histogram.lowerEdge(b);
      double hi = histogram.upperEdge(b);
      expected[b] = (Math.exp(-lo) - Math.exp(-hi)) / histogram.binWidth();
    }
    return new PorterThomasCheck(histogram, expected, ksDistance(scaled));
  }

  /** {@link #check} with {@link #DEFAULT_BINS} bins over [0, {@link #DEFAULT_MAX}). */
  public static PorterThomasCheck check(double[] probabilities, int numQubits) {
    return check(probabilities, numQubits, DEFAULT_BINS, DEFAULT_MAX);
  }

  /** sup over x of |F_N(x) - (1 - e^-x)|, F_N the empirical distribution function. */
  static double ksDistance(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double distance = 0;
    for (int i = 0; i < n; i++) {
      double cdf = -Math.expm1(-sorted[i]);
      distance = Math.max(distance, Math.max(cdf - (double) i / n, (double) (i + 1) / n - cdf));
    }
    return distance;
  }
}
