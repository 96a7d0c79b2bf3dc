package io.canopy.circuits;

import io.canopy.circuits.qasm.QasmReader;
import io.canopy.circuits.qsim.QsimReader;
import java.io.BufferedReader;
import java.io.IOException;
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
    return isQasm(file) ? QasmReader.read(file) : QsimReader.read(file);
  }

  static boolean isQasm(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("//")) continue;
        return s.startsWith("OPENQASM");
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
