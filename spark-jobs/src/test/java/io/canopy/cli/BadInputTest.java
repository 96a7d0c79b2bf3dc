package io.canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Bad input to {@code canopy run}: a one-line message naming the file, the line and the problem,
 * exit code 2, and no amplitudes.csv or run.json left behind.
 */
class BadInputTest {
  private static final String GOOD = "3\n0 h 0\n0 h 1\n1 cz 0 1\n2 rz 2 0.25\n";

  @TempDir Path tmp;
  Path out;

  @BeforeEach
  void setUp() {
    out = tmp.resolve("out");
  }

  static Stream<Arguments> badCircuits() {
    return Stream.of(
        Arguments.of("unknown gate", "3\n0 h 0\n1 frob 1\n", ":3:", "frob"),
        Arguments.of("too few qubits for cz", "3\n0 h 0\n1 cz 1\n", ":3:", "cz"),
        Arguments.of("too many qubits for h", "3\n0 h 0 1\n", ":2:", "h"),
        Arguments.of("qubit out of range", "3\n0 h 0\n1 cz 0 3\n", ":3:", "3"),
        Arguments.of("qubit repeated", "3\n0 cz 1 1\n", ":2:", "1"),
        Arguments.of("non-numeric parameter", "3\n0 rz 0 abc\n", ":2:", "abc"),
        Arguments.of("non-finite parameter", "3\n0 rz 0 NaN\n", ":2:", "NaN"),
        Arguments.of("infinite parameter", "3\n0 rx 0 Infinity\n", ":2:", "Infinity"),
        Arguments.of("empty file", "", ":", "empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCircuits")
  void badCircuitIsRefusedWithFileAndLine(String what, String text, String lineMark, String mention) throws IOException {
    Path circuit = tmp.resolve("bad.qsim");
    Files.writeString(circuit, text);
    CliHarness.Outcome r = CliHarness.run("run", "--circuit", circuit.toString(), "--random", "2", "--out", out.toString());
    assertRefused(r, circuit.toString() + lineMark, mention);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"wrong length, 0101, characters", "other characters, 0x1, x"})
  void badBitstringIsRefusedWithFileAndLine(String what, String second, String mention) throws IOException {
    Path circuit = write("c.qsim", GOOD);
    Path bits = write("bits.txt", "010\n" + second + "\n");
    CliHarness.Outcome r = CliHarness.run("run", "--circuit", circuit.toString(), "--bitstrings", bits.toString(),
        "--out", out.toString());
    assertRefused(r, bits + ":2:", mention);
  }

  @Test
  void openQubitOutOfRange() throws IOException {
    Path circuit = write("c.qsim", GOOD);
    CliHarness.Outcome r = CliHarness.run("run", "--circuit", circuit.toString(), "--open", "0,7", "--out", out.toString());
    assertRefused(r, "--open", "7");
  }

  @Test
  void planOfAnotherCircuit() throws IOException {
    Path circuit = write("c.qsim", GOOD);
    Path other = Path.of("../circuits/data/sycamore/small_pEFGH/circuit_n12_m14_s0_e0_pEFGH.qsim");
    Path plan = tmp.resolve("other-plan.json");
    CliHarness.Outcome planned = CliHarness.run("plan", "--circuit", other.toString(), "--time", "1", "-o", plan.toString());
    assertEquals(0, planned.exitCode(), planned.err());
    CliHarness.Outcome r = CliHarness.run("run", "--circuit", circuit.toString(), "--plan", plan.toString(),
        "--out", out.toString());
    assertRefused(r, plan.toString(), "plan was made for network");
  }

  @Test
  void slicingTargetNeedingMoreSlicesThanARunCanCount() {
    Path circuit = Path.of("../circuits/data/sycamore/small_pEFGH/circuit_n12_m14_s0_e0_pEFGH.qsim");
    Path plan = tmp.resolve("plan.json");
    CliHarness.Outcome r = CliHarness.run("plan", "--circuit", circuit.toString(), "--target-size-log2", "0",
        "--trials", "2", "-o", plan.toString());
    assertEquals(CanopyCli.BAD_INPUT, r.exitCode(), "exit code; stderr: " + r.err());
    String[] lines = r.err().strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("canopy: slicing target 2^0 needs 2^") && last.endsWith("choose a larger target"), last);
    assertFalse(Files.exists(plan), "no plan file for a plan no run can execute");
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private void assertRefused(CliHarness.Outcome r, String location, String mention) {
    assertEquals(CanopyCli.BAD_INPUT, r.exitCode(), "exit code; stderr: " + r.err());
    String err = r.err().strip();
    assertFalse(err.contains("\n"), "one line expected, got: " + err);
    assertTrue(err.contains(location), "message should name " + location + ": " + err);
    assertTrue(err.contains(mention), "message should mention " + mention + ": " + err);
    assertFalse(Files.exists(out.resolve("amplitudes.csv")), "amplitudes.csv left behind");
    assertFalse(Files.exists(out.resolve("run.json")), "run.json left behind");
  }
}
