package io.canopy.cli;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.Layouts;
import io.canopy.circuits.qsim.QsimWriter;
import io.canopy.store.Storage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code canopy generate}: a seeded Sycamore-like random circuit in qsim format. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate a Sycamore-like random circuit: m cycles of single-qubit gates from",
        "{sqrt X, sqrt Y, sqrt W} (never the same twice in a row on a qubit) and fSim(theta, phi) on",
        "couplers in the pattern order ABCDCDAB, then a final single-qubit layer."})
final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--layout", required = true, paramLabel = "LAYOUT", description = "sycamore53 or grid:RxC.")
  String layout;

  @Option(names = "--cycles", required = true, paramLabel = "M", description = "Number of cycles.")
  int cycles;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--theta", defaultValue = "1.5707963267948966", paramLabel = "RAD",
      description = "fSim theta in radians (default pi/2).")
  double theta;

  @Option(names = "--phi", defaultValue = "0.5235987755982988", paramLabel = "RAD",
      description = "fSim phi in radians (default pi/6).")
  double phi;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "qsim file to write.")
  String output;

  @Override
  public Integer call() throws Exception {
    if (cycles < 1) throw new IllegalArgumentException("--cycles must be at least 1, got " + cycles);
    if (!Double.isFinite(theta) || !Double.isFinite(phi)) {
      throw new IllegalArgumentException("--theta and --phi must be finite numbers");
    }
    Circuit c = new RandomCircuitGenerator(Layouts.parse(layout)).theta(theta).phi(phi).generate(cycles, seed);
    Storage storage = new Storage();
    byte[] text = QsimWriter.format(c).getBytes(StandardCharsets.UTF_8);
    storage.writeAtomically(storage.resolve(output), out -> out.write(text));
    System.out.printf("%d qubits, %d cycles, %d gates written to %s%n", c.numQubits(), cycles, c.gates().size(), output);
    return 0;
  }
}
