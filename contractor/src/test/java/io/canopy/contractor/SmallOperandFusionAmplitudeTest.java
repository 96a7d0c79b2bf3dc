package io.canopy.contractor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Bitstrings;
import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.Layouts;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.contractor.cpu.Nd4jBackend;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.SmallOperandFusion;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A tree with its runs of small operands fused contracts a circuit's network to the same amplitudes. */
class SmallOperandFusionAmplitudeTest {
  @Test
  void theCpuBackendHasItsContractorFuseStepsOnLargeTensors() {
    // a 2^22-element state and two gates on four other qubits: one pass over the state instead of two
    int[] state = IntStream.range(0, 22).toArray();
    int[][] inputs = {state, {22, 23, 0, 1}, {24, 25, 2, 3}};
    int[] output = IntStream.concat(IntStream.of(22, 23, 24, 25), IntStream.range(4, 22)).toArray();
    int[] sizes = new int[26];
    Arrays.fill(sizes, 1);
    ContractionProblem problem = new ContractionProblem(inputs, output, sizes);
    Plan plan = new Plan(ContractionTree.fromSsaPath(problem, new int[][] {{0, 1}, {3, 2}}));
    try (Nd4jBackend backend = new Nd4jBackend(Precision.COMPLEX64)) {
      ContractionTree walked = new SliceContractor(plan, backend).tree();
      assertEquals(22, walked.log2Size(walked.left(walked.root())));
      assertEquals(8, walked.log2Size(walked.right(walked.root())));
      assertSame(plan.tree(), new SliceContractor(plan, new CountingBackend(backend)).tree());
    }
  }

  @ParameterizedTest(name = "{0}, {1} cycles, sliced to 2^{2} less")
  @CsvSource({"grid:4x5, 14, 0", "grid:4x5, 14, 2", "grid:3x6, 16, 1"})
  void fusedTreesGiveTheSameAmplitudes(String layout, int cycles, int slicedBelow) {
    Circuit circuit = new RandomCircuitGenerator(Layouts.parse(layout)).generate(cycles, cycles);
    int[] open = {0, circuit.numQubits() - 1};
    TensorNetwork network = NetworkSimplifier.simplify(
        NetworkBuilder.batch(circuit, Bitstrings.random(circuit.numQubits(), 1, cycles).get(0), open));
    ContractionProblem problem = NetworkProblems.of(network);
    PlannerOptions.Builder options = PlannerOptions.builder().trials(8).seed(1);
    int unsliced = Planner.plan(problem, options.build(), PlanProgress.NONE).stats().log2MaxSize();
    Plan plan = Planner.plan(problem, options.targetLog2Size(unsliced - slicedBelow).build(), PlanProgress.NONE);

    SmallOperandFusion.Result fusion = SmallOperandFusion.apply(plan.tree(),
        new SmallOperandFusion.Limits(8, 6, Math.max(9, plan.stats().log2MaxSize() - 6)));
    assertTrue(fusion.fused() > 0, "nothing fused in " + plan.stats());
    try (Nd4jBackend backend = new Nd4jBackend(Precision.COMPLEX128)) {
      // the counting wrapper asks for no fusion: the plan's own tree
      HostTensor want = new SliceContractor(plan, new CountingBackend(backend)).contractAll(network);
      HostTensor got = new SliceContractor(new Plan(fusion.tree()), backend).contractAll(network);
      assertArrayEquals(want.indices(), got.indices());
      assertEquals(want.size(), got.size());
      for (int j = 0; j < want.size(); j++) {
        double scale = Math.hypot(want.re()[j], want.im()[j]);
        double err = Math.hypot(got.re()[j] - want.re()[j], got.im()[j] - want.im()[j]) / scale;
        assertTrue(err < 1e-11, "amplitude " + j + ": relative difference " + err + " after fusing "
            + fusion.fused() + " steps");
      }
    }
  }
}
