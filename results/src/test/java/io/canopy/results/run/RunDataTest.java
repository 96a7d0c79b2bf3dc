package io.canopy.results.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDataTest {
  @TempDir Path dir;

  @Test
  void loadsAmplitudesAndOptionalRunRecord() throws IOException {
    Files.writeString(dir.resolve("amplitudes.csv"), "bitstring,real,imag\n01,0.5,0\n11,0,0.5\n");
    RunData data = RunData.load(dir);
    assertEquals(2, data.amplitudes().size());
    assertTrue(data.run().isEmpty());
    assertEquals(dir.getFileName().toString(), data.name());

    Files.writeString(dir.resolve("run.json"), "{\"backend\":\"cpu\"}");
    assertEquals("cpu", RunData.load(dir).run().orElseThrow().backend().orElseThrow());
  }

  @Test
  void directoryWithoutAmplitudes() {
    InputException e = assertThrows(InputException.class, () -> RunData.load(dir));
    assertEquals(dir.toString(), e.source());
    assertEquals("no amplitudes.csv in this run directory", e.problem());
    InputException absent =
        assertThrows(InputException.class, () -> RunData.load(dir.resolve("missing")));
    assertEquals("no such directory", absent.problem());
  }

  @Test
  void amplitudesOfAnotherQubitCount() throws IOException {
    Files.writeString(dir.resolve("amplitudes.csv"), "bitstring,real,imag\n011,0.5,0\n");
    Files.writeString(dir.resolve("run.json"), "{\"circuit\":{\"qubits\":53}}");
    InputException e = assertThrows(InputException.class, () -> RunData.load(dir));
    assertEquals(dir.resolve("amplitudes.csv").toString(), e.source());
    assertEquals("bitstrings have 3 qubits but the circuit has 53", e.problem());

    Files.delete(dir.resolve("run.json"));
    assertThrows(InputException.class, () -> RunData.load(dir).requireQubits(4));
    assertEquals(1, RunData.load(dir).requireQubits(3).amplitudes().size());
  }

  @Test
  void nanAmplitudeNamesItsLine() throws IOException {
    Files.writeString(dir.resolve("amplitudes.csv"),
        "bitstring,real,imag\n01,0.5,0\n10,0.1,NaN\n");
    InputException e = assertThrows(InputException.class, () -> RunData.load(dir));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().endsWith("amplitudes.csv:3: NaN amplitude (imaginary part)"),
        e.getMessage());
  }
}
