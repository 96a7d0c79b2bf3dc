package io.canopy.cli;

import io.canopy.store.Storage;
import java.io.IOException;
import picocli.CommandLine.Option;

/** {@code --circuit FILE}, optional: commands that have a sensible default use the embedded circuit. */
final class CircuitOption {
  @Option(names = "--circuit", paramLabel = "FILE",
      description = "qsim or OpenQASM 2.0 circuit file (local path or hdfs://). Default: the embedded 20-qubit "
          + "Sycamore-like circuit.")
  String location;

  CircuitInput.Named read(Storage storage) throws IOException {
    return CircuitInput.read(storage, location);
  }
}
