package io.canopy.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Bitstrings;
import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.Layouts;
import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.NetworkProblems;
import io.canopy.contractor.Precision;
import io.canopy.planner.Plan;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.PlanProgress;
import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
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

  private static Plan slicedPlan(List<String> bits, int[] open, long seed) {
    var network = SubspaceNetworks.build(CIRCUIT, bits.get(0), open);
    var problem = NetworkProblems.of(network);
    Plan unsliced = Planner.plan(problem, PlannerOptions.builder().trials(8).threads(1).seed(seed).build(),
        PlanProgress.NONE);
    int target = Math.max(1, unsliced.stats().log2MaxSize() - 3);
    Plan plan = Planner.plan(problem, PlannerOptions.builder().trials(8).threads(1).seed(seed)
        .targetLog2Size(target).build(), PlanProgress.NONE);
    assertTrue(plan.numSlices() >= 4, "the test needs a sliced plan, got " + plan.numSlices() + " slices");
    return plan;
  }

  @Test
  void sparkEqualsInProcessBitForBitAndMatchesStateVector() {
    List<String> bits = Bitstrings.random(CIRCUIT.numQubits(), 5, 11);
    int[] open = {};
    AmplitudeTask task = new AmplitudeTask(CIRCUIT, bits, open, slicedPlan(bits, open, 3), "cpu", Precision.COMPLEX128);
    AmplitudeJob.Result spark = AmplitudeJob.runOnSpark(sc, task, 3, ProgressPrinter.silent());
    AmplitudeJob.Result local = AmplitudeJob.runInProcess(task, 3, ProgressPrinter.silent());
    assertEquals(local.amplitudes().size(), spark.amplitudes().size());
    for (int s = 0; s < bits.size(); s++) {
      HostTensor a = spark.amplitudes().get(s);
      HostTensor b = local.amplitudes().get(s);
      assertArrayEquals(b.re(), a.re(), 0.0, "real parts of subspace " + s);
      assertArrayEquals(b.im(), a.im(), 0.0, "imaginary parts of subspace " + s);
    }
    assertMatchesStateVector(AmplitudeAssembly.assemble(bits, open, spark.amplitudes()), 1e-9);
  }

  @Test
  void batchWithOpenQubitsMatchesStateVector() {
    List<String> bits = Bitstrings.random(CIRCUIT.numQubits(), 3, 5);
    int[] open = {4, 1, 9};
    AmplitudeTask task = new AmplitudeTask(CIRCUIT, bits, open, slicedPlan(bits, open, 9), "cpu", Precision.COMPLEX64);
    AmplitudeJob.Result spark = AmplitudeJob.runOnSpark(sc, task, 2, ProgressPrinter.silent());
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
