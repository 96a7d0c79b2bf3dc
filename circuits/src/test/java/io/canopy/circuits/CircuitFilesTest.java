package io.canopy.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.canopy.circuits.qsim.QsimReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CircuitFilesTest {
  @TempDir Path dir;

  @Test
  void recognisesBothFormatsByContent() throws Exception {
    Path qasm = dir.resolve("bell.txt");
    Files.writeString(qasm, "// Bell pair\n\nOPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\n"
        + "h q[0];\ncx q[0],q[1];\n");
    Path qsim = dir.resolve("bell.qasm");
    Files.writeString(qsim, "2\n0 h 0\n1 cnot 0 1\n");
    assertEquals(QsimReader.read(qsim), CircuitFiles.read(qasm));
    assertEquals(24, CircuitFiles.read(Path.of("data/qsim/circuit_q24")).numQubits());
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    assertThrows(InputException.class, () -> CircuitFiles.read(empty));
  }
}
