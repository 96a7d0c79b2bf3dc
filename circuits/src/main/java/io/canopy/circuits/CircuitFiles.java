package io.canopy.circuits;

import io.canopy.circuits.qasm.QasmReader;
import io.canopy.circuits.qsim.QsimReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a circuit file in either supported format: OpenQASM 2.0 when its first statement is
 * {@code OPENQASM} (after blank and // comment lines), qsim otherwise. Users need not say which.
 */
public final class CircuitFiles {
  private CircuitFiles() {}

  public static Circuit read(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a circuit's text read from anywhere (a local file, HDFS, a resource). */
  public static Circuit parse(String sourceName, String text) {
    return isQasm(text) ? QasmReader.parse(sourceName, new StringReader(text))
        : QsimReader.parse(sourceName, new StringReader(text));
  }

  static boolean isQasm(String text) {
    for (String line : text.split("\n", -1)) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("//")) continue;
      return s.startsWith("OPENQASM");
    }
    return false;
  }
}
