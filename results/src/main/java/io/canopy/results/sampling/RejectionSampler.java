package io.canopy.results.sampling;

import io.canopy.results.Amplitude;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Frugal rejection sampling (Markov, Fatima, Isakov, Boixo, arXiv:1807.10749): candidates drawn
 * uniformly at random, whose amplitudes were computed, are accepted with probability
 * min(1, D p(x) / M), D = 2^n. The accepted bitstrings follow p(x) exactly except that D p(x) is
 * capped at M; for Porter-Thomas distributed p that touches bitstrings of total ideal probability
 * (1 + M) e^-M (5e-4 for M = 10). The price is about M computed amplitudes per sample.
 *
 * <p>Candidates from one batch contraction (a correlated subspace) are each uniform when the
 * subspace was chosen uniformly, so they may be fed here as they come.
 */
public final class RejectionSampler {
  private final int numQubits;
  private final double bound;
  private final SplittableRandom random;

  /**
   * @param numQubits n, the circuit's qubit count
   * @param bound M, the cap on D p(x) below which acceptance is exact
   * @param seed seed of the acceptance draws
   */
  public RejectionSampler(int numQubits, double bound, long seed) {
    if (numQubits < 1) throw new IllegalArgumentException("need at least one qubit");
    if (!(bound > 0) || Double.isInfinite(bound)) {
      throw new IllegalArgumentException("the bound M must be positive and finite, not " + bound);
    }
    this.numQubits = numQubits;
    this.bound = bound;
    this.random = new SplittableRandom(seed);
  }

  /** The candidates that pass, in their input order. */
  public List<Amplitude> accept(List<Amplitude> candidates) {
    double dimension = Math.pow(2, numQubits);
    List<Amplitude> accepted = new ArrayList<>();
    for (Amplitude a : candidates) {
      if (a.numQubits() != numQubits) {
        throw new IllegalArgumentException("candidate " + a.bitstring() + " has "
            + a.numQubits() + " qubits, the sampler " + numQubits);
      }
      double acceptance = Math.min(1, dimension * a.probability() / bound);
      if (random.nextDouble() < acceptance) accepted.add(a);
    }
    return accepted;
  }

  /** Expected fraction of uniform candidates accepted under Porter-Thomas: (1 - e^-M) / M. */
  public double expectedAcceptance() {
    return -Math.expm1(-bound) / bound;
  }

  /**
   * Linear XEB the accepted bitstrings reach in expectation under Porter-Thomas: with u = D p
   * distributed as Exp(1) and accepted with weight min(u, M), E[u] over the accepted ones is
   * (2 - (M + 2) e^-M) / (1 - e^-M), so the XEB is that minus 1 (0.9995 for M = 10; 1 as M
   * grows).
   */
  public double expectedLinearXeb() {
    double tail = Math.exp(-bound);
    return (2 - (bound + 2) * tail) / -Math.expm1(-bound) - 1;
  }
}
