package io.canopy.cli;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.InputException;
import io.canopy.circuits.CircuitFiles;
import io.canopy.store.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;

/**
 * Reads the circuit a command works on: a qsim or OpenQASM 2.0 file on a local path or hdfs://, or, when none is
 * given, the embedded default (a 20-qubit Sycamore-like circuit, small enough to check against the
 * state vector on a laptop).
 */
final class CircuitInput {
  /** Name under which the embedded default appears in outputs and messages. */
  static final String DEFAULT_NAME = "embedded:grid4x5-m14-s1.qsim";
  private static final String DEFAULT_RESOURCE = "/io/canopy/cli/grid4x5-m14-s1.qsim";

  private CircuitInput() {}

  /** A circuit and the name it was read under. */
  record Named(String name, Circuit circuit) {}

  static Named read(Storage storage, String location) throws IOException {
    if (location == null) {
      try (InputStream in = CircuitInput.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) throw new IllegalStateException("embedded default circuit missing from the jar");
        return new Named(DEFAULT_NAME, parse(DEFAULT_NAME, in));
      }
    }
    Path path = storage.resolve(location);
    if (!storage.isFile(path)) throw new InputException(location, 0, "no such file");
    try (InputStream in = storage.open(path)) {
      return new Named(location, parse(location, in));
    }
  }

  private static Circuit parse(String name, InputStream in) throws IOException {
    return CircuitFiles.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }
}
