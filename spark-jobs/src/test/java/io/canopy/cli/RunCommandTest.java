package io.canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end: run on Spark local mode against simulate (the state vector), same format. */
class RunCommandTest {
  private static final String CIRCUIT = "../circuits/data/sycamore/small_pEFGH/circuit_n14_m14_s0_e0_pEFGH.qsim";

  @TempDir Path tmp;

  @Test
  void runMatchesSimulateAndRecordsTheRun() throws IOException {
    Path bits = tmp.resolve("bits.txt");
    Files.writeString(bits, "01010101010101\n11111111111111\n00000000000000\n10010010010011\n");
    Path sv = tmp.resolve("sv");
    Path tn = tmp.resolve("tn");
    CliHarness.Outcome s = CliHarness.run("simulate", "--circuit", CIRCUIT, "--bitstrings", bits.toString(),
        "--out", sv.toString());
    assertEquals(0, s.exitCode(), s.err());
    CliHarness.Outcome r = CliHarness.run("run", "--circuit", CIRCUIT, "--bitstrings", bits.toString(),
        "--master", "local[2]", "--target-size-log2", "11", "--plan-trials", "4", "--out", tn.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(tn.resolve("amplitudes.csv").toString()), r.out());

    AmplitudeFiles.assertClose(sv.resolve("amplitudes.csv"), tn.resolve("amplitudes.csv"), 1e-9);

    JsonNode run = new ObjectMapper().readTree(tn.resolve("run.json").toFile());
    assertEquals(14, run.path("circuit").path("qubits").asInt());
    assertEquals("cpu", run.path("backend").asText());
    assertEquals("complex128", run.path("precision").asText());
    assertEquals(64, run.path("plan").path("networkHash").asText().length());
    long slices = run.path("plan").path("numSlices").asLong();
    assertEquals(4 * slices, run.path("slices").path("total").asLong(), "every slice of every bitstring, once");
    assertTrue(run.path("timings").path("contractionSeconds").asDouble() > 0);
  }

  @Test
  void embeddedDefaultRunsAndVerifies() throws IOException {
    Path out = tmp.resolve("demo");
    CliHarness.Outcome r = CliHarness.run("run", "--master", "local[2]", "--random", "3", "--verify", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertTrue(run.path("verification").path("maxRelativeError").asDouble() < 1e-9, run.toString());
    assertEquals(3, AmplitudeFiles.read(out.resolve("amplitudes.csv")).size());
  }
}
