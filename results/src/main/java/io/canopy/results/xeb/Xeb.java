package io.canopy.results.xeb;

import io.canopy.results.Amplitude;
import java.util.List;

/**
 * Cross-entropy benchmarking fidelity of a set of bitstrings x_1..x_N against the ideal output
 * probabilities p(x) of an n-qubit circuit, D = 2^n.
 *
 * <ul>
 *   <li>Linear XEB (Arute et al., Nature 574, 2019): F = D * mean(p(x)) - 1. It is 1 in expectation
 *       for bitstrings sampled from a Porter-Thomas distributed circuit and 0 for uniform ones.
 *   <li>Log XEB (Boixo et al., Nature Physics 14, 2018): F = n ln 2 + gamma + mean(ln p(x)), with
 *       gamma the Euler-Mascheroni constant; under Porter-Thomas E[ln(Dp)] is -gamma over uniform
 *       bitstrings and 1 - gamma over ideal samples, so again 0 and 1.
 * </ul>
 *
 * Each estimate is the mean of per-bitstring terms (D p - 1, or n ln 2 + gamma + ln p); its
 * standard error is their sample standard deviation over sqrt(N), which is what the sampling
 * noise of N independent bitstrings amounts to.
 */
public final class Xeb {
  /** Euler-Mascheroni constant. */
  public static final double EULER_GAMMA = 0.5772156649015329;

  private Xeb() {}

  /** Linear XEB of bitstrings with the given ideal probabilities. */
  public static XebEstimate linear(double[] probabilities, int numQubits) {
    checkInput(probabilities, numQubits);
    double dimension = Math.pow(2, numQubits);
    double[] terms = new double[probabilities.length];
    for (int i = 0; i < terms.length; i++) terms[i] = dimension * probabilities[i] - 1;
    return meanWithError(terms);
  }

  /** Log XEB of bitstrings with the given ideal probabilities; every probability must be > 0. */
  public static XebEstimate log(double[] probabilities, int numQubits) {
    checkInput(probabilities, numQubits);
    double offset = numQubits * Math.log(2) + EULER_GAMMA;
    double[] terms = new double[probabilities.length];
    for (int i = 0; i < terms.length; i++) {
      if (probabilities[i] <= 0) {
        throw new IllegalArgumentException("log XEB needs positive probabilities; bitstring "
            + i + " has " + probabilities[i]);
      }
      terms[i] = offset + Math.log(probabilities[i]);
    }
    return meanWithError(terms);
  }

  /** Linear XEB of the amplitudes' bitstrings; n is their length. */
  public static XebEstimate linear(List<Amplitude> amplitudes) {
    return linear(probabilities(amplitudes), numQubits(amplitudes));
  }

  /** Log XEB of the amplitudes' bitstrings; n is their length. */
  public static XebEstimate log(List<Amplitude> amplitudes) {
    return log(probabilities(amplitudes), numQubits(amplitudes));
  }

  /** |amplitude|^2 of each row, in order. */
  public static double[] probabilities(List<Amplitude> amplitudes) {
    double[] p = new double[amplitudes.size()];
    for (int i = 0; i < p.length; i++) p[i] = amplitudes.get(i).probability();
    return p;
  }

  private static int numQubits(List<Amplitude> amplitudes) {
    if (amplitudes.isEmpty()) {
      throw new IllegalArgumentException("XEB needs at least two bitstrings");
    }
    return amplitudes.get(0).numQubits();
  }

  private static void checkInput(double[] probabilities, int numQubits) {
    if (numQubits < 1) throw new IllegalArgumentException("XEB needs at least one qubit");
    if (probabilities.length < 2) {
      throw new IllegalArgumentException("XEB needs at least two bitstrings for an error bar, got "
          + probabilities.length);
    }
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0) || Double.isInfinite(p)) {
        throw new IllegalArgumentException("bitstring " + i + " has probability " + p
            + "; probabilities are finite and non-negative");
      }
    }
  }

  /** Mean and standard error, in two passes so that large offsets do not cancel digits. */
  private static XebEstimate meanWithError(double[] terms) {
    int n = terms.length;
    double sum = 0;
    for (double t : terms) sum += t;
    double mean = sum / n;
    double squares = 0;
    for (double t : terms) squares += (t - mean) * (t - mean);
    double variance = squares / (n - 1);
    return new XebEstimate(mean, Math.sqrt(variance / n), n);
  }
}
