package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.circuits.qsim.QsimReader;
import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.NetworkProblems;
import io.canopy.contractor.Precision;
import io.canopy.contractor.SliceContractor;
import io.canopy.contractor.cpu.Nd4jBackend;
import io.canopy.cuda.memory.MemoryPlan;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sliced contractions of a small Sycamore-style circuit on the GPU, against the state vector and,
 * slice by slice, against the CPU backend.
 */
class CircuitSliceTest {
  private static final String CIRCUIT = "circuits/data/sycamore/small_pEFGH/circuit_n12_m14_s0_e0_pEFGH.qsim";
  private static final int[] OPEN = {0, 5, 7, 11};
  private static final String CLOSED = "101100111010";

  private static Circuit circuit;
  private static TensorNetwork network;
  private static Plan plan;

  @BeforeAll
  static void planTheNetwork() {
    circuit = QsimReader.read(repositoryFile(CIRCUIT));
    network = NetworkSimplifier.simplify(NetworkBuilder.batch(circuit, CLOSED, OPEN));
    PlannerOptions options = PlannerOptions.builder().targetLog2Size(10).trials(8).threads(1).seed(1).build();
    plan = Planner.plan(NetworkProblems.of(network), options, PlanProgress.NONE);
  }

  @BeforeEach
  void needsGpu() { Gpu.assumePresent(); }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX64", "COMPLEX_HALF"})
  void allSlicesSumToTheStateVectorAmplitudes(Precision precision) {
    assertTrue(plan.numSlices() > 1, "the plan should be sliced, has " + plan.numSlices() + " slices");
    StateVector sv = new StateVectorSimulator(1).run(circuit);
    double[] refRe = new double[1 << OPEN.length];
    double[] refIm = new double[1 << OPEN.length];
    for (int r = 0; r < refRe.length; r++) {
      char[] bits = CLOSED.toCharArray();
      for (int k = 0; k < OPEN.length; k++) bits[OPEN[k]] = ((r >> (OPEN.length - 1 - k)) & 1) == 1 ? '1' : '0';
      double[] amp = sv.amplitude(new String(bits));
      refRe[r] = amp[0];
      refIm[r] = amp[1];
    }
    for (ComplexProduct product : ComplexProduct.values()) {
      try (CudaBackend gpu = new CudaBackend(0, precision, MemoryPlan.of(plan, precision, product), product, false)) {
        HostTensor out = new SliceContractor(plan, gpu).contractAll(network);
        double err = DenseReference.relativeError(out.re(), out.im(), refRe, refIm);
        double bound = precision == Precision.COMPLEX64 ? 1e-5 : 2e-2;
        assertTrue(err < bound, precision + " " + product + ": relative error " + err + " over " + plan.numSlices() + " slices");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX64", "COMPLEX_HALF"})
  void eachSliceAgreesWithTheCpuBackend(Precision precision) {
    Nd4jBackend cpu = cpuBackendOrNull();
    assumeTrue(cpu != null, "skipped: the CPU backend (ND4J) is not on the class path");
    try (cpu; CudaBackend gpu = new CudaBackend(0, precision, MemoryPlan.of(plan, precision, ComplexProduct.BLOCK_4M))) {
      SliceContractor onGpu = new SliceContractor(plan, gpu);
      SliceContractor onCpu = new SliceContractor(plan, cpu);
      for (long s = 0; s < Math.min(4, plan.numSlices()); s++) {
        HostTensor g = onGpu.contract(network, s, s + 1);
        HostTensor c = onCpu.contract(network, s, s + 1);
        double err = DenseReference.relativeError(g.re(), g.im(), c.re(), c.im());
        assertTrue(err < (precision == Precision.COMPLEX64 ? 1e-5 : 2e-2), precision + " slice " + s + ": relative error " + err);
      }
    }
  }

  private static Nd4jBackend cpuBackendOrNull() {
    try {
      return new Nd4jBackend(Precision.COMPLEX64);
    } catch (LinkageError e) {
      return null;
    }
  }

  /** A file of the repository, from the module folder (Maven) or the repository root. */
  static Path repositoryFile(String relative) {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve(relative);
      if (Files.isRegularFile(p)) return p;
    }
    throw new IllegalStateException(relative + " not found above " + Paths.get("").toAbsolutePath());
  }
}
