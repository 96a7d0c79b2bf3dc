package io.canopy.results.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.InputException;
import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.RandomCircuitState;
import io.canopy.results.run.RunData;
import io.canopy.results.sampling.SampleOptions.Method;
import io.canopy.results.xeb.XebEstimate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sampling from the exact amplitudes of a 12-qubit, 12-cycle random circuit, listed as 256
 * subspaces of 16 rows (qubits 0, 1, 4, 5 open), as a run with batch contractions writes them.
 * Draws are seeded, so a failure is reproducible.
 */
class SamplesTest {
  private static final double SIGMAS = 4;
  private static final String SOURCE = "runs/grid/amplitudes.csv";

  private static RandomCircuitState state;
  private static RunData run;

  @BeforeAll
  static void simulate() {
    state = RandomCircuitState.grid3x4(12, 1);
    List<Amplitude> rows = new ArrayList<>();
    for (int i = 0; i < state.dimension(); i++) rows.add(state.amplitude(i));
    run = RunData.of("grid", SOURCE, new AmplitudeTable(rows,
        TopKSelection.subspacesByClosedBits(rows, new int[] {0, 1, 4, 5})), null);
  }

  @Test
  void rejectionSamplesScoreNearOne() {
    Samples samples = Samples.fromRun(run, SampleOptions.of(Method.REJECTION).withSeed(3));

    XebEstimate xeb = samples.linearXeb().orElseThrow();
    assertEquals(cappedPorterThomasXeb(SampleOptions.DEFAULT_BOUND),
        samples.predictedLinearXeb(), 1e-9);
    assertTrue(xeb.sigmasFrom(samples.predictedLinearXeb()) < SIGMAS, xeb.toString());
    assertTrue(xeb.sigmasFrom(state.idealLinearXeb()) < SIGMAS, xeb.toString());
    // Each row is accepted with probability min(1, D p / M), independently.
    double mean = 0;
    double variance = 0;
    for (double p : state.probabilities()) {
      double a = Math.min(1, state.dimension() * p / SampleOptions.DEFAULT_BOUND);
      mean += a;
      variance += a * (1 - a);
    }
    assertTrue(Math.abs(samples.yielded() - mean) < SIGMAS * Math.sqrt(variance),
        samples.yielded() + " accepted, " + mean + " expected");
    assertEquals(samples.yielded(), samples.samples().size());
    assertEquals(state.dimension(), samples.candidates());
  }

  /**
   * E[u] - 1 for u = D p drawn from Exp(1) and kept with weight min(u, M), by the midpoint rule
   * on [0, 60] (the tail beyond weighs e^-60).
   */
  private static double cappedPorterThomasXeb(double bound) {
    double step = 1e-4;
    double weighted = 0;
    double total = 0;
    for (double u = step / 2; u < 60; u += step) {
      double w = Math.min(u, bound) * Math.exp(-u);
      weighted += u * w;
      total += w;
    }
    return weighted / total - 1;
  }

  @Test
  void topOneRaisesXebAsPredicted() {
    Samples top = Samples.fromRun(run, SampleOptions.of(Method.TOP_K));
    Samples rejection = Samples.fromRun(run, SampleOptions.of(Method.REJECTION));

    double h16MinusOne = 0;
    for (int i = 2; i <= 16; i++) h16MinusOne += 1.0 / i;
    assertEquals(h16MinusOne, top.predictedLinearXeb(), 1e-12);
    assertEquals(256, top.samples().size());
    XebEstimate xeb = top.linearXeb().orElseThrow();
    assertTrue(xeb.sigmasFrom(h16MinusOne) < SIGMAS, xeb.toString());
    XebEstimate sampled = rejection.linearXeb().orElseThrow();
    double apart = xeb.value() - sampled.value();
    assertTrue(apart > SIGMAS * Math.hypot(xeb.standardError(), sampled.standardError()),
        "top-1 " + xeb + " against sampled " + sampled);
  }

  @Test
  void countKeepsTheFirstSamplesAndPredictsFromTheirRanks() {
    SampleOptions topTwo = SampleOptions.of(Method.TOP_K).withK(2);
    Samples all = Samples.fromRun(run, topTwo);
    Samples three = Samples.fromRun(run, topTwo.withCount(3));

    assertEquals(all.samples().subList(0, 3), three.samples());
    assertEquals(512, three.yielded());
    // Ranks 1 and 2 of the first subspace, rank 1 of the second: D p means H_16 - H_0,
    // H_16 - H_1, H_16 - H_0.
    double h16 = TopKSelection.harmonic(16);
    assertEquals((3 * h16 - 1) / 3 - 1, three.predictedLinearXeb(), 1e-12);
    assertEquals(h16 - TopKSelection.harmonic(2), all.predictedLinearXeb(), 1e-12);
    assertTrue(three.summary().contains("samples     3 (the first 3)"), three.summary());
  }

  @Test
  void rejectionIsReproducibleFromItsSeed() {
    SampleOptions seven = SampleOptions.of(Method.REJECTION).withSeed(7);
    List<String> first = Samples.fromRun(run, seven).bitstrings();

    assertEquals(first, Samples.fromRun(run, seven).bitstrings());
    assertNotEquals(first, Samples.fromRun(run, seven.withSeed(8)).bitstrings());
    assertEquals(first.subList(0, 50),
        Samples.fromRun(run, seven.withCount(50)).bitstrings());
    // A larger M accepts fewer of the same candidates.
    assertTrue(Samples.fromRun(run, seven.withBound(20)).yielded() < first.size());
  }

  @Test
  void summaryNamesTheMethodAndTheNumbers() {
    Samples samples = Samples.fromRun(run, SampleOptions.of(Method.REJECTION).withSeed(3));
    String text = samples.summary();

    assertTrue(text.contains("frugal rejection sampling, M = 10, seed 3"), text);
    assertTrue(text.contains("4096 amplitudes (" + SOURCE + ")"), text);
    assertTrue(text.contains("accepted    " + samples.yielded() + " ("), text);
    assertTrue(text.contains("Porter-Thomas prediction 0.9995"), text);
  }

  @Test
  void badInputAndOptions() {
    List<Amplitude> rows = run.amplitudes().amplitudes();
    RunData flat = RunData.of("flat", SOURCE, new AmplitudeTable(rows, null), null);
    InputException noIds = assertThrows(InputException.class,
        () -> Samples.fromRun(flat, SampleOptions.of(Method.TOP_K)));
    assertEquals(SOURCE + ": top-k post-selection needs the subspace column", noIds.getMessage());
    assertThrows(InputException.class,
        () -> Samples.fromRun(run, SampleOptions.of(Method.TOP_K).withK(17)));
    RunData empty = RunData.of("empty", SOURCE, new AmplitudeTable(List.of(), null), null);
    assertThrows(InputException.class,
        () -> Samples.fromRun(empty, SampleOptions.of(Method.REJECTION)));

    assertEquals(Method.TOP_K, Method.parse("Top-K"));
    assertEquals(Method.REJECTION, Method.parse("rejection"));
    assertEquals("top-k", Method.TOP_K.toString());
    assertThrows(IllegalArgumentException.class, () -> Method.parse("topk"));
    SampleOptions options = SampleOptions.of(Method.REJECTION);
    assertThrows(IllegalArgumentException.class, () -> options.withCount(0));
    assertThrows(IllegalArgumentException.class, () -> options.withK(0));
    assertThrows(IllegalArgumentException.class, () -> options.withBound(0));
  }
}
