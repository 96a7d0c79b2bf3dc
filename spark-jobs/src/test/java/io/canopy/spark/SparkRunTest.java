package io.canopy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Bitstrings;
import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.Layouts;
import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.contractor.Precision;
import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark run against the in-process run and the state vector, on a sliced plan. */
class SparkRunTest {
  private static JavaSparkContext sc;
  private static final Circuit CIRCUIT =
      new RandomCircuitGenerator(Layouts.parse("grid:3x4")).generate(10, 7);
  private static final StateVector REFERENCE = new StateVectorSimulator(2).run(CIRCUIT);

  @BeforeAll
  static void startSpark() {
    sc = SparkContexts.create("canopy-test", "local[2]", Map.of());
  }

  @AfterAll
  static void stopSpark() {
    sc.close();
  }

  @Test
  void sparkEqualsInProcessBitForBitAndMatchesStateVector() throws IOException {
    List<String> bits = Bitstrings.random(CIRCUIT.numQubits(), 5, 11);
    int[] open = {};
    AmplitudeTask task = TestRuns.slicedTask(CIRCUIT, bits, open, 8, Precision.COMPLEX128, 3);
    AmplitudeRun.Outcome spark = AmplitudeRun.execute(sc, task, 3, null, 0, ProgressPrinter.silent());
    AmplitudeRun.Outcome local = AmplitudeRun.execute(null, task, 3, null, 0, ProgressPrinter.silent());
    TestRuns.assertBitwiseEqual(local.amplitudes(), spark.amplitudes());
    assertMatchesStateVector(AmplitudeAssembly.assemble(bits, open, spark.amplitudes()), 1e-9);
  }

  @Test
  void batchWithOpenQubitsMatchesStateVector() throws IOException {
    List<String> bits = Bitstrings.random(CIRCUIT.numQubits(), 3, 5);
    int[] open = {4, 1, 9};
    AmplitudeTask task = TestRuns.slicedTask(CIRCUIT, bits, open, 4, Precision.COMPLEX64, 9);
    AmplitudeRun.Outcome spark = AmplitudeRun.execute(sc, task, 2, null, 0, ProgressPrinter.silent());
    AmplitudeTable table = AmplitudeAssembly.assemble(bits, open, spark.amplitudes());
    assertEquals(3 * 8, table.size());
    assertMatchesStateVector(table, 1e-4);
  }

  private static void assertMatchesStateVector(AmplitudeTable table, double relTol) {
    for (Amplitude a : table.amplitudes()) {
      double[] ref = REFERENCE.amplitude(a.bitstring());
      double err = Math.hypot(a.re() - ref[0], a.im() - ref[1]);
      double mag = Math.hypot(ref[0], ref[1]);
      assertTrue(err <= relTol * mag, a.bitstring() + ": " + a.re() + "+" + a.im() + "i vs "
          + ref[0] + "+" + ref[1] + "i");
    }
  }
}
