package io.canopy.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Circuit;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.NetworkProblems;
import io.canopy.contractor.Precision;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import java.util.List;

/** Shared set-up of the Spark tests: sliced tasks on small circuits, and bitwise comparison. */
final class TestRuns {
  private TestRuns() {}

  /** A task whose plan is sliced into at least {@code minSlices} slices. */
  static AmplitudeTask slicedTask(Circuit circuit, List<String> bits, int[] open, int minSlices,
      Precision precision, long seed) {
    var problem = NetworkProblems.of(SubspaceNetworks.build(circuit, bits.get(0), open));
    Plan unsliced = Planner.plan(problem, PlannerOptions.builder().trials(8).threads(1).seed(seed).build(),
        PlanProgress.NONE);
    int log2Slices = 32 - Integer.numberOfLeadingZeros(minSlices - 1);
    Plan plan = Planner.plan(problem, PlannerOptions.builder().trials(8).threads(1).seed(seed)
        .targetLog2Size(Math.max(1, unsliced.stats().log2MaxSize() - log2Slices)).build(), PlanProgress.NONE);
    assertTrue(plan.numSlices() >= minSlices, "the test needs " + minSlices + " slices, got " + plan.numSlices());
    return new AmplitudeTask(circuit, bits, open, plan, "cpu", precision);
  }

  static void assertBitwiseEqual(List<HostTensor> expected, List<HostTensor> actual) {
    assertEquals(expected.size(), actual.size());
    for (int s = 0; s < expected.size(); s++) {
      assertArrayEquals(expected.get(s).re(), actual.get(s).re(), 0.0, "real parts of subspace " + s);
      assertArrayEquals(expected.get(s).im(), actual.get(s).im(), 0.0, "imaginary parts of subspace " + s);
    }
  }
}
