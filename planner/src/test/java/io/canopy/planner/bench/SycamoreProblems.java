package io.canopy.planner.bench;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.circuits.qsim.QsimReader;
import io.canopy.planner.ContractionProblem;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contraction problems of Google's public 53-qubit Sycamore circuits: one amplitude (the
 * all-zero bitstring), simplified by the circuits module, as the planner sees them.
 */
public final class SycamoreProblems {
  private SycamoreProblems() { }

  /** The circuit file for {@code m} cycles, found from the planner module or the repository root. */
  public static Path circuitFile(int cycles) {
    String name = "circuits/data/sycamore/circuit_n53_m" + cycles + "_s0_e0_pABCDCDAB.qsim";
    for (Path p : new Path[] {Path.of("..", name), Path.of(name)}) if (Files.exists(p)) return p;
    throw new IllegalArgumentException("Sycamore circuit " + name + " not found from " + Path.of("").toAbsolutePath());
  }

  public static ContractionProblem amplitude(int cycles, boolean simplify) {
    Circuit circuit = QsimReader.read(circuitFile(cycles));
    TensorNetwork network = NetworkBuilder.amplitude(circuit, "0".repeat(circuit.numQubits()));
    if (simplify) network = NetworkSimplifier.simplify(network);
    return new ContractionProblem(network.inputs(), network.output(), network.log2Sizes());
  }
}
