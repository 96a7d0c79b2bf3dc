package io.canopy.cuda;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.circuits.qsim.QsimReader;
import io.canopy.contractor.NetworkProblems;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The small Sycamore-style circuit the GPU tests contract: 12 qubits, 14 cycles, 4 open qubits
 * (16 amplitudes), planned with a 2^10 size target so it has several slices.
 */
public final class SmallCircuit {
  static final String FILE = "circuits/data/sycamore/small_pEFGH/circuit_n12_m14_s0_e0_pEFGH.qsim";
  static final int[] OPEN = {0, 5, 7, 11};
  static final String CLOSED = "101100111010";

  final Circuit circuit;
  public final TensorNetwork network;
  public final Plan plan;

  public SmallCircuit() {
    circuit = QsimReader.read(repositoryFile(FILE));
    network = NetworkSimplifier.simplify(NetworkBuilder.batch(circuit, CLOSED, OPEN));
    PlannerOptions options = PlannerOptions.builder().targetLog2Size(10).trials(8).threads(1).seed(1).build();
    plan = Planner.plan(NetworkProblems.of(network), options, PlanProgress.NONE);
  }

  /** A file of the repository, from the module folder (Maven) or the repository root (bundle). */
  static Path repositoryFile(String relative) {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve(relative);
      if (Files.isRegularFile(p)) return p;
    }
    throw new IllegalStateException(relative + " not found above " + Paths.get("").toAbsolutePath());
  }
}
