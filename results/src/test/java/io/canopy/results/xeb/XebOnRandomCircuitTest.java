package io.canopy.results.xeb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.RandomCircuitState;
import io.canopy.results.sampling.AliasSampler;
import io.canopy.results.sampling.RejectionSampler;
import io.canopy.results.sampling.TopKSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XEB of bitstrings chosen in different ways from a 12-qubit, 12-cycle random circuit, scored
 * against its exact state vector. The expected values come from Porter-Thomas statistics (see
 * docs/xeb.md); all random draws are seeded, so a failure is reproducible.
 */
class XebOnRandomCircuitTest {
  private static final double SIGMAS = 4;

  private static RandomCircuitState state;
  private static double[] p;

  @BeforeAll
  static void simulate() {
    state = RandomCircuitState.grid3x4(12, 1);
    p = state.probabilities();
  }

  @Test
  void circuitIsDeepEnoughForPorterThomas() {
    // Ideal samples score D sum p^2 - 1, which is 1 - 2/(D+1) for a Haar-random state.
    assertEquals(1, state.idealLinearXeb(), 0.1);
  }

  @Test
  void idealSamplesScoreNearOne() {
    int[] samples = new AliasSampler(p).sample(2000, 11);
    double[] sampled = new double[samples.length];
    for (int i = 0; i < samples.length; i++) sampled[i] = p[samples[i]];

    XebEstimate linear = Xeb.linear(sampled, state.numQubits);
    assertTrue(linear.sigmasFrom(state.idealLinearXeb()) < SIGMAS, linear.toString());
    assertTrue(linear.sigmasFrom(1) < SIGMAS, linear.toString());
    XebEstimate log = Xeb.log(sampled, state.numQubits);
    assertTrue(log.sigmasFrom(1) < SIGMAS, log.toString());
  }

  @Test
  void uniformBitstringsScoreNearZero() {
    SplittableRandom random = new SplittableRandom(5);
    double[] chosen = new double[2000];
    for (int i = 0; i < chosen.length; i++) chosen[i] = p[random.nextInt(p.length)];

    XebEstimate linear = Xeb.linear(chosen, state.numQubits);
    assertTrue(linear.sigmasFrom(0) < SIGMAS, linear.toString());
    XebEstimate log = Xeb.log(chosen, state.numQubits);
    assertTrue(log.sigmasFrom(0) < SIGMAS, log.toString());
  }

  @Test
  void wholeStateScoresExactlyZero() {
    // Every bitstring once: D * mean(p) - 1 = sum(p) - 1 = 0 up to rounding.
    assertEquals(0, Xeb.linear(p, state.numQubits).value(), 1e-12);
  }

  @Test
  void rejectionSamplingFromUniformCandidatesScoresNearOne() {
    SplittableRandom random = new SplittableRandom(9);
    List<Amplitude> candidates = new ArrayList<>();
    for (int i = 0; i < 20000; i++) candidates.add(state.amplitude(random.nextInt(p.length)));
    RejectionSampler sampler = new RejectionSampler(state.numQubits, 10, 3);

    List<Amplitude> accepted = sampler.accept(candidates);
    XebEstimate linear = Xeb.linear(accepted);
    assertTrue(linear.sigmasFrom(1) < SIGMAS, linear.toString());
    // Accepted count is binomial(20000, acceptance).
    double q = sampler.expectedAcceptance();
    double sd = Math.sqrt(candidates.size() * q * (1 - q));
    assertEquals(candidates.size() * q, accepted.size(), SIGMAS * sd + 0.02 * candidates.size());
  }

  @Test
  void topOneOfEachSubspaceRaisesXebAsPredicted() {
    // Subspaces of 2^4 = 16 bitstrings (qubits 0, 5, 6, 11 open), 256 of them cover the state.
    AmplitudeTable table = wholeStateBySubspace(new int[] {0, 5, 6, 11});
    XebEstimate top1 = Xeb.linear(TopKSelection.select(table, 1));
    assertEquals(256, top1.samples());
    double predicted = TopKSelection.expectedLinearXeb(16, 1);
    assertEquals(2.3807, predicted, 1e-4);
    assertTrue(top1.sigmasFrom(predicted) < SIGMAS, top1 + " vs " + predicted);

    XebEstimate top4 = Xeb.linear(TopKSelection.select(table, 4));
    double predicted4 = TopKSelection.expectedLinearXeb(table, 4);
    assertTrue(top4.sigmasFrom(predicted4) < SIGMAS, top4 + " vs " + predicted4);
    assertTrue(top1.value() > top4.value() + 0.5);
  }

  private static AmplitudeTable wholeStateBySubspace(int[] openQubits) {
    List<Amplitude> rows = new ArrayList<>();
    for (int i = 0; i < p.length; i++) rows.add(state.amplitude(i));
    return new AmplitudeTable(rows, TopKSelection.subspacesByClosedBits(rows, openQubits));
  }
}
