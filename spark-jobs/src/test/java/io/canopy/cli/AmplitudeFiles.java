package io.canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudesCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads amplitudes.csv files and compares a computed one with a reference, amplitude by amplitude. */
final class AmplitudeFiles {
  private AmplitudeFiles() {}

  static List<Amplitude> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return AmplitudesCsv.read(in, file.toString());
    }
  }

  /** Same bitstrings in the same order, each amplitude within {@code relTol} of the reference's magnitude. */
  static void assertClose(Path reference, Path computed, double relTol) throws IOException {
    List<Amplitude> ref = read(reference);
    List<Amplitude> got = read(computed);
    assertEquals(ref.size(), got.size());
    for (int i = 0; i < ref.size(); i++) {
      assertEquals(ref.get(i).bitstring(), got.get(i).bitstring());
      double err = Math.hypot(ref.get(i).re() - got.get(i).re(), ref.get(i).im() - got.get(i).im());
      assertTrue(err <= relTol * Math.hypot(ref.get(i).re(), ref.get(i).im()), "amplitude " + i + " of " + computed);
    }
  }
}
