package io.canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** xeb, report and project on real outputs, and their refusals of bad input. */
class AnalysisCommandsTest {
  private static final String CIRCUIT = "../circuits/data/sycamore/small_pEFGH/circuit_n12_m14_s0_e0_pEFGH.qsim";

  @TempDir Path tmp;

  @Test
  void xebAndReportOfAStateVectorRun() throws IOException {
    Path dir = tmp.resolve("sv");
    assertEquals(0, CliHarness.run("simulate", "--circuit", CIRCUIT, "--random", "200", "--out", dir.toString()).exitCode());
    CliHarness.Outcome xeb = CliHarness.run("xeb", dir.toString());
    assertEquals(0, xeb.exitCode(), xeb.err());
    assertTrue(xeb.out().toLowerCase().contains("linear"), xeb.out());
    CliHarness.Outcome report = CliHarness.run("report", dir.toString());
    assertEquals(0, report.exitCode(), report.err());
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("src=\"data:image/png;base64,"), "charts are inline images");
    assertFalse(html.contains("src=\"http"), "the report must not need the network");
    assertTrue(Files.size(dir.resolve("report.json")) > 0);
  }

  @Test
  void rejectionSamplesOfUniformCandidatesAndTopKNeedsSubspaces() throws IOException {
    Path dir = tmp.resolve("sv");
    assertEquals(0, CliHarness.run("simulate", "--circuit", CIRCUIT, "--random", "2000", "--out", dir.toString()).exitCode());
    CliHarness.Outcome r = CliHarness.run("sample", dir.toString(), "--method", "rejection", "--seed", "2");
    assertEquals(0, r.exitCode(), r.err());
    long samples = Files.lines(dir.resolve("samples.csv")).count() - 1;
    assertTrue(samples > 100 && samples < 400, "about 10% of 2000 candidates accepted at M = 10, got " + samples);
    CliHarness.Outcome topK = CliHarness.run("sample", dir.toString(), "--method", "top-k");
    assertEquals(CanopyCli.BAD_INPUT, topK.exitCode(), topK.err());
    assertTrue(topK.err().contains("subspace"), topK.err());
  }

  @Test
  void exactSamplesHaveXebNearOne() throws IOException {
    Path dir = tmp.resolve("samples");
    CliHarness.Outcome s = CliHarness.run("simulate", "--circuit", CIRCUIT, "--samples", "3000", "--seed", "5",
        "--out", dir.toString());
    assertEquals(0, s.exitCode(), s.err());
    CliHarness.Outcome xeb = CliHarness.run("xeb", dir.toString(), "--json");
    assertEquals(0, xeb.exitCode(), xeb.err());
    var linear = new com.fasterxml.jackson.databind.ObjectMapper().readTree(xeb.out()).path("linear");
    double f = linear.path("value").asDouble();
    double se = linear.path("standardError").asDouble();
    // ideal samples of a 12-qubit random circuit: F = 2^n sum p^2 - 1, close to 1 (Porter-Thomas)
    assertTrue(Math.abs(f - 1) < 4 * se + 0.15, "linear XEB of exact samples: " + f + " +- " + se);
    assertTrue(f > 0.5, "exact samples must score far above uniform ones: " + f);
  }

  @Test
  void projectFromGivenRate() throws IOException {
    Path plan = tmp.resolve("plan.json");
    assertEquals(0, CliHarness.run("plan", "--circuit", CIRCUIT, "--trials", "2", "--threads", "1", "-o", plan.toString())
        .exitCode());
    CliHarness.Outcome r = CliHarness.run("project", "--plan", plan.toString(), "--tflops", "243", "--watts", "260",
        "--gpus", "2304");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("kWh"), r.out());
  }

  @Test
  void directoryWithoutAmplitudesIsRefused() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    CliHarness.Outcome r = CliHarness.run("xeb", empty.toString());
    assertEquals(CanopyCli.BAD_INPUT, r.exitCode(), r.err());
    assertTrue(r.err().contains("amplitudes.csv"), r.err());
  }

  @Test
  void nanAmplitudeIsRefusedWithItsLine() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("nan"));
    Files.writeString(dir.resolve("amplitudes.csv"), "bitstring,real,imag\n0101,0.1,0.2\n0110,NaN,0.1\n");
    CliHarness.Outcome r = CliHarness.run("report", dir.toString());
    assertEquals(CanopyCli.BAD_INPUT, r.exitCode(), r.err());
    assertTrue(r.err().contains("amplitudes.csv:3"), r.err());
    assertFalse(Files.exists(dir.resolve("report.html")));
  }
}
