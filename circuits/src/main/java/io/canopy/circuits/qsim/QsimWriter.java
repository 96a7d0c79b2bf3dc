package io.canopy.circuits.qsim;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a circuit in qsim's text format. Parameters are printed with {@link Double#toString},
 * the shortest decimal that reads back to the same double, so writing then reading gives an equal
 * circuit.
 */
public final class QsimWriter {
  private QsimWriter() {}

  public static void write(Circuit circuit, Path file) {
    try {
      Files.writeString(file, format(circuit), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static String format(Circuit circuit) {
    StringBuilder sb = new StringBuilder();
    sb.append(circuit.numQubits()).append('\n');
    for (Gate g : circuit.gates()) {
      sb.append(g.time()).append(' ').append(g.name());
      for (int q : g.qubits()) sb.append(' ').append(q);
      for (double p : g.params()) sb.append(' ').append(Double.toString(p));
      sb.append('\n');
    }
    return sb.toString();
  }
}
