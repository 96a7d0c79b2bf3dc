package io.canopy.circuits.qsim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QsimReaderTest {
  @TempDir Path dir;

  private static Circuit parse(String text) {
    return QsimReader.parse("test.qsim", new StringReader(text));
  }

  private static InputException failure(String text) {
    return assertThrows(InputException.class, () -> parse(text));
  }

  private static List<Path> dataFiles() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("data"))) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith("circuit_"))
          .sorted().collect(Collectors.toList());
    }
  }

  @Test
  void readsEveryPublicCircuitAndWritesItBackUnchanged() throws IOException {
    List<Path> files = dataFiles();
    assertTrue(files.size() >= 29, "data files found: " + files.size());
    for (Path f : files) {
      Circuit c = QsimReader.read(f);
      long gateLines = Files.readAllLines(f).stream().skip(1).filter(l -> !l.isBlank()).count();
      assertEquals(gateLines, c.gates().size(), f.toString());
      Path copy = dir.resolve(f.getFileName());
      QsimWriter.write(c, copy);
      assertEquals(c, QsimReader.read(copy), f.toString());
    }
  }

  @Test
  void readsGateFieldsInFileOrder() {
    Circuit c = parse("3\n0 h 0\n0 fs 2 1 1.5 0.25\n1 rz 1 -2.5\n3 cnot 0 2\n");
    assertEquals(3, c.numQubits());
    assertEquals(4, c.gates().size());
    Gate fs = c.gates().get(1);
    assertEquals("fs", fs.name());
    assertArrayEquals(new int[] {2, 1}, fs.qubits());
    assertArrayEquals(new double[] {1.5, 0.25}, fs.params());
    assertEquals(1, c.gates().get(2).time());
    assertEquals(4, c.depth());
  }

  @Test
  void acceptsTrailingBlanksBlankLinesAndCrlf() {
    Circuit plain = parse("2\n0 h 0\n1 cz 0 1\n");
    assertEquals(plain, parse("2 \r\n\r\n0 h 0 \r\n  \n1\tcz 0 1\t\r\n\n"));
  }

  @Test
  void readsTheGlobalPhaseGate() {
    Gate p = parse("1\n0 p 0.5\n").gates().get(0);
    assertEquals(0, p.arity());
    assertEquals(Math.cos(0.5), p.matrixRe()[0], 0);
  }

  @Test
  void reportsEachProblemWithFileAndLine() {
    assertProblem("2\n0 h 0\n1 q 1\n", 3, "unknown gate 'q'");
    assertProblem("2\n0 cz 0\n", 2, "takes 2 qubit(s) and 0 parameter(s), found 1");
    assertProblem("2\n0 rz 0\n", 2, "takes 1 qubit(s) and 1 parameter(s), found 1");
    assertProblem("2\n0 fs 0 1 0.5\n", 2, "found 3");
    assertProblem("2\n0 h 2\n", 2, "qubit 2 out of range 0..1");
    assertProblem("2\n0 h -1\n", 2, "must be a non-negative integer");
    assertProblem("2\n0 cz 1 1\n", 2, "repeats qubit 1");
    assertProblem("2\n0 h 0\n\n0 cz 0 1\n", 4, "qubit 0 is already used at time 0 (line 2)");
    assertProblem("2\n0 rz 0 abc\n", 2, "finite decimal number, found 'abc'");
    assertProblem("2\n0 rz 0 NaN\n", 2, "found 'NaN'");
    assertProblem("2\n0 rz 0 Infinity\n", 2, "found 'Infinity'");
    assertProblem("2\n0 rz 0 1e999\n", 2, "not finite");
    assertProblem("two\n0 h 0\n", 1, "number of qubits");
    assertProblem("0\n", 1, "number of qubits");
    assertProblem("2\n-1 h 0\n", 2, "negative time -1");
    assertProblem("2\nx h 0\n", 2, "time must be a non-negative integer");
    assertProblem("2\n0 c 0 h 1\n", 2, "controlled gates ('c') are not supported");
    assertProblem("2\n0 m 0 1\n", 2, "measurements ('m') are not supported");
    assertProblem("2\n0\n", 2, "missing gate name");
    InputException e = failure("\n  \n");
    assertEquals("test.qsim: empty file: no qubit count", e.getMessage());
  }

  private static void assertProblem(String text, int line, String problem) {
    InputException e = failure(text);
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.problem().contains(problem), e.getMessage());
    assertTrue(e.getMessage().startsWith("test.qsim:" + line + ": "), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one-line message");
  }

  @Test
  void formatPrintsOneGateALine() {
    Circuit c = parse("2\n0 h 0\n2 fs 0 1 0.1 -3\n");
    assertEquals("2\n0 h 0\n2 fs 0 1 0.1 -3.0\n", QsimWriter.format(c));
  }
}
