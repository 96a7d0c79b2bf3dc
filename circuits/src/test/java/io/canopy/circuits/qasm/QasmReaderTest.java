package io.canopy.circuits.qasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.InputException;
import io.canopy.circuits.qsim.QsimReader;
import io.canopy.circuits.qsim.QsimWriter;
import io.canopy.circuits.sim.TestCircuits;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QasmReaderTest {
  private static final String HEAD = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\n";
  /** Puts three qubits into a generic entangled state, so every matrix entry matters. */
  private static final String PREP = "u3(0.3,1.1,-0.4) q[0];\nu3(1.2,-0.7,0.5) q[1];\n"
      + "u3(2.1,0.2,0.9) q[2];\ncx q[0],q[1];\ncx q[1],q[2];\nu3(0.8,0.4,1.3) q;\n";

  private static Circuit parse(String text) {
    return QasmReader.parse("test.qasm", new StringReader(text));
  }

  /** Complex number helpers for writing Qiskit's matrices: {re, im} pairs. */
  private static double[] c(double re, double im) { return new double[] {re, im}; }

  private static double[] e(double phi) { return c(Math.cos(phi), Math.sin(phi)); }

  private static double[] mul(double[] a, double[] b) {
    return c(a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]);
  }

  private static double[][] u3(double theta, double phi, double lambda) {
    double cs = Math.cos(theta / 2);
    double sn = Math.sin(theta / 2);
    return new double[][] {c(cs, 0), mul(c(-sn, 0), e(lambda)), mul(c(sn, 0), e(phi)),
        mul(c(cs, 0), e(phi + lambda))};
  }

  private static double[][] diag(double[]... d) {
    int n = d.length;
    double[][] m = new double[n * n][];
    for (int i = 0; i < n * n; i++) m[i] = c(0, 0);
    for (int i = 0; i < n; i++) m[i * n + i] = d[i];
    return m;
  }

  /** [[I, 0], [0, U]]: U on the later qubits when the first is 1. */
  private static double[][] controlled(double[][] u) {
    int k = (int) Math.round(Math.sqrt(u.length));
    int n = 2 * k;
    double[][] m = diag(new double[n][]);
    for (int i = 0; i < n * n; i++) m[i] = c(0, 0);
    for (int i = 0; i < k; i++) m[i * n + i] = c(1, 0);
    for (int r = 0; r < k; r++) {
      for (int col = 0; col < k; col++) m[(k + r) * n + k + col] = u[r * k + col];
    }
    return m;
  }

  private static double[][] permutation(int... image) {
    int n = image.length;
    double[][] m = diag(new double[n][]);
    for (int i = 0; i < n * n; i++) m[i] = c(0, 0);
    for (int col = 0; col < n; col++) m[image[col] * n + col] = c(1, 0);
    return m;
  }

  private static Gate matrixGate(int time, int[] qubits, double[][] m) {
    double[] re = new double[m.length];
    double[] im = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      re[i] = m[i][0];
      im[i] = m[i][1];
    }
    return new Gate("matrix", time, qubits, new double[0], re, im);
  }

  /** The QASM gate statement must give exactly the state of Qiskit's matrix, phase included. */
  private static void assertGate(String statement, int[] qubits, double[][] matrix) {
    Circuit viaQasm = parse(HEAD + PREP + statement + "\n");
    Circuit prep = parse(HEAD + PREP);
    List<Gate> gates = new ArrayList<>(prep.gates());
    gates.add(matrixGate(1000, qubits, matrix));
    double[][] expected = TestCircuits.denseState(new Circuit(3, gates));
    double[][] actual = TestCircuits.denseState(viaQasm);
    assertArrayEquals(expected[0], actual[0], 1e-12, statement);
    assertArrayEquals(expected[1], actual[1], 1e-12, statement);
  }

  @Test
  void singleQubitGatesMatchQiskitMatrices() {
    double h = Math.sqrt(0.5);
    int[] q1 = {1};
    assertGate("U(0.7,0.2,-1.3) q[1];", q1, u3(0.7, 0.2, -1.3));
    assertGate("u3(0.7,0.2,-1.3) q[1];", q1, u3(0.7, 0.2, -1.3));
    assertGate("u(0.7,0.2,-1.3) q[1];", q1, u3(0.7, 0.2, -1.3));
    assertGate("u2(0.2,-1.3) q[1];", q1, u3(Math.PI / 2, 0.2, -1.3));
    assertGate("u1(0.9) q[1];", q1, diag(c(1, 0), e(0.9)));
    assertGate("p(0.9) q[1];", q1, diag(c(1, 0), e(0.9)));
    assertGate("id q[1];", q1, diag(c(1, 0), c(1, 0)));
    assertGate("u0(1) q[1];", q1, diag(c(1, 0), c(1, 0)));
    assertGate("x q[1];", q1, permutation(1, 0));
    assertGate("y q[1];", q1, new double[][] {c(0, 0), c(0, -1), c(0, 1), c(0, 0)});
    assertGate("z q[1];", q1, diag(c(1, 0), c(-1, 0)));
    assertGate("h q[1];", q1, new double[][] {c(h, 0), c(h, 0), c(h, 0), c(-h, 0)});
    assertGate("s q[1];", q1, diag(c(1, 0), c(0, 1)));
    assertGate("sdg q[1];", q1, diag(c(1, 0), c(0, -1)));
    assertGate("t q[1];", q1, diag(c(1, 0), e(Math.PI / 4)));
    assertGate("tdg q[1];", q1, diag(c(1, 0), e(-Math.PI / 4)));
    double a = 0.6;
    double cs = Math.cos(a / 2);
    double sn = Math.sin(a / 2);
    assertGate("rx(0.6) q[1];", q1, new double[][] {c(cs, 0), c(0, -sn), c(0, -sn), c(cs, 0)});
    assertGate("ry(0.6) q[1];", q1, new double[][] {c(cs, 0), c(-sn, 0), c(sn, 0), c(cs, 0)});
    assertGate("rz(0.6) q[1];", q1, diag(e(-a / 2), e(a / 2)));
    assertGate("sx q[1];", q1, new double[][] {c(.5, .5), c(.5, -.5), c(.5, -.5), c(.5, .5)});
    assertGate("sxdg q[1];", q1, new double[][] {c(.5, -.5), c(.5, .5), c(.5, .5), c(.5, -.5)});
  }

  @Test
  void multiQubitGatesMatchQiskitMatrices() {
    double h = Math.sqrt(0.5);
    int[] q20 = {2, 0};
    double a = 0.6;
    double cs = Math.cos(a / 2);
    double sn = Math.sin(a / 2);
    double[][] x = permutation(1, 0);
    assertGate("CX q[2],q[0];", q20, controlled(x));
    assertGate("cx q[2],q[0];", q20, controlled(x));
    assertGate("cz q[2],q[0];", q20, diag(c(1, 0), c(1, 0), c(1, 0), c(-1, 0)));
    assertGate("cy q[2],q[0];", q20, controlled(
        new double[][] {c(0, 0), c(0, -1), c(0, 1), c(0, 0)}));
    assertGate("ch q[2],q[0];", q20, controlled(
        new double[][] {c(h, 0), c(h, 0), c(h, 0), c(-h, 0)}));
    assertGate("swap q[2],q[0];", q20, permutation(0, 2, 1, 3));
    assertGate("crx(0.6) q[2],q[0];", q20, controlled(
        new double[][] {c(cs, 0), c(0, -sn), c(0, -sn), c(cs, 0)}));
    assertGate("cry(0.6) q[2],q[0];", q20, controlled(
        new double[][] {c(cs, 0), c(-sn, 0), c(sn, 0), c(cs, 0)}));
    assertGate("crz(0.6) q[2],q[0];", q20, controlled(diag(e(-a / 2), e(a / 2))));
    assertGate("cu1(0.6) q[2],q[0];", q20, diag(c(1, 0), c(1, 0), c(1, 0), e(a)));
    assertGate("cp(0.6) q[2],q[0];", q20, diag(c(1, 0), c(1, 0), c(1, 0), e(a)));
    assertGate("cu3(0.7,0.2,-1.3) q[2],q[0];", q20, controlled(u3(0.7, 0.2, -1.3)));
    double[][] u = u3(0.7, 0.2, -1.3);
    for (int i = 0; i < u.length; i++) u[i] = mul(u[i], e(0.4));
    assertGate("cu(0.7,0.2,-1.3,0.4) q[2],q[0];", q20, controlled(u));
    assertGate("csx q[2],q[0];", q20, controlled(
        new double[][] {c(.5, .5), c(.5, -.5), c(.5, -.5), c(.5, .5)}));
    assertGate("rzz(0.6) q[2],q[0];", q20, diag(e(-a / 2), e(a / 2), e(a / 2), e(-a / 2)));
    double[][] rxx = diag(c(cs, 0), c(cs, 0), c(cs, 0), c(cs, 0));
    for (int i = 0; i < 4; i++) rxx[i * 4 + 3 - i] = c(0, -sn);
    assertGate("rxx(0.6) q[2],q[0];", q20, rxx);
    assertGate("ccx q[1],q[2],q[0];", new int[] {1, 2, 0}, permutation(0, 1, 2, 3, 4, 5, 7, 6));
    assertGate("cswap q[1],q[2],q[0];", new int[] {1, 2, 0}, permutation(0, 1, 2, 3, 4, 6, 5, 7));
  }

  @Test
  void readsRegistersBroadcastsUserGatesAndExpressions() {
    Circuit c = parse("OPENQASM 2.0;\n// a comment\ninclude \"qelib1.inc\";\nqreg a[2];\nqreg b[2];\n"
        + "creg m[4];\ngate twist(t) x, y { rz(t/2) x; cx x, y; barrier x, y; rz(-t*2^2) y; }\n"
        + "h a;\ncx a, b;\nbarrier a, b;\ntwist(pi/4 + sin(0)) b[1], a[0];\nmeasure a -> m[0];\n"
        + "measure b[0] -> m[2];\n");
    assertEquals(4, c.numQubits());
    List<String> expected = List.of("h [0]", "h [1]", "cnot [0, 2]", "cnot [1, 3]", "rz [3]",
        "cnot [3, 0]", "rz [0]");
    List<String> actual = new ArrayList<>();
    for (Gate g : c.gates()) actual.add(g.name() + " " + java.util.Arrays.toString(g.qubits()));
    assertEquals(expected, actual);
    assertArrayEquals(new double[] {Math.PI / 8}, c.gates().get(4).params(), 1e-15);
    assertArrayEquals(new double[] {-Math.PI}, c.gates().get(6).params(), 1e-15);
  }

  @Test
  void givesValidQsimTimesAndRoundTripsThroughQsim() {
    Circuit c = parse(HEAD + PREP + "ccx q[0],q[1],q[2];\ncu3(1,2,3) q[1],q[0];\n");
    assertEquals(c, QsimReader.parse("again", new StringReader(QsimWriter.format(c))));
    assertEquals("p", c.gates().get(c.gates().size() - 1).name());
  }

  @Test
  void reportsProblemsWithFileAndLine() {
    assertProblem(HEAD + "foo q[0];\n", 5, "unknown gate 'foo'");
    assertProblem("OPENQASM 2.0;\nqreg q[1];\nh q[0];\n", 3, "missing include \"qelib1.inc\"");
    assertProblem(HEAD + "rx q[0];\n", 5, "takes 1 parameter(s) and 1 qubit(s), found 0 and 1");
    assertProblem(HEAD + "cx q[0];\n", 5, "found 0 and 1");
    assertProblem(HEAD + "h q[3];\n", 5, "index 3 out of range for q[3]");
    assertProblem(HEAD + "h r[0];\n", 5, "unknown quantum register 'r'");
    assertProblem(HEAD + "cx q[1],q[1];\n", 5, "uses qubit 1 twice");
    assertProblem(HEAD + "qreg r[2];\ncx q, r;\n", 6, "registers of different sizes");
    assertProblem(HEAD + "measure q[0] -> c[0];\nh q[0];\n", 6, "after its measurement");
    assertProblem(HEAD + "reset q[0];\n", 5, "'reset' is not supported");
    assertProblem(HEAD + "measure q[0] -> c[3];\n", 5, "index 3 out of range for c[3]");
    assertProblem(HEAD + "measure q[0] -> d[0];\n", 5, "unknown classical register 'd'");
    assertProblem(HEAD + "rx(1/0) q[0];\n", 5, "not a finite number");
    assertProblem(HEAD + "rx(theta) q[0];\n", 5, "unknown parameter 'theta'");
    assertProblem(HEAD + "h q[0]\nh q[1];\n", 6, "expected ';'");
    assertProblem(HEAD + "gate h a { x a; }\n", 5, "gate 'h' is already defined");
    assertProblem("OPENQASM 3.0;\n", 1, "only OpenQASM 2.0 is supported");
    assertProblem("qreg q[1];\n", 1, "expected 'OPENQASM 2.0;' first");
    assertProblem(HEAD.replace("qelib1.inc", "other.inc"), 2, "only qelib1.inc is known");
    assertProblem(HEAD + "h q[0]; $\n", 5, "unexpected character '$'");
  }

  private static void assertProblem(String text, int line, String problem) {
    InputException e = assertThrows(InputException.class, () -> parse(text));
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.problem().contains(problem), e.getMessage());
    assertTrue(e.getMessage().startsWith("test.qasm:" + line + ": "), e.getMessage());
  }
}
