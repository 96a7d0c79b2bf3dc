package io.canopy.circuits.qasm;

import io.canopy.circuits.GateType;
import java.util.HashMap;
import java.util.Map;

/**
 * The gates of OpenQASM's standard library qelib1.inc (and the built-in U and CX), each written as
 * an exact sequence of qsim gates plus a global phase. The matrices are Qiskit's, the de-facto
 * reference for QASM files: u3(theta, phi, lambda) = [[cos, -e^{i lambda} sin], [e^{i phi} sin,
 * e^{i(phi+lambda)} cos]] (half angles), rz(phi) = e^{-i phi Z/2}, u1(lambda) = diag(1, e^{i
 * lambda}). The U of the OpenQASM 2.0 paper (Cross et al., 2017) differs from these by a global phase only.
 */
final class Qelib1 {
  /** A gate of the library: its parameter and qubit counts and its expansion. */
  record Definition(int numParams, int numQubits, Expansion expansion) {}

  interface Expansion {
    void expand(double[] p, int[] q, CircuitAssembler out);
  }

  static final Map<String, Definition> BUILT_IN = new HashMap<>();
  static final Map<String, Definition> LIBRARY = new HashMap<>();

  static {
    BUILT_IN.put("U", new Definition(3, 1, (p, q, o) -> u3(o, q[0], p[0], p[1], p[2])));
    BUILT_IN.put("CX", new Definition(0, 2, (p, q, o) -> o.gate(GateType.CNOT, q)));

    define("u3", 3, 1, (p, q, o) -> u3(o, q[0], p[0], p[1], p[2]));
    define("u", 3, 1, (p, q, o) -> u3(o, q[0], p[0], p[1], p[2]));
    define("u2", 2, 1, (p, q, o) -> u3(o, q[0], Math.PI / 2, p[0], p[1]));
    define("u1", 1, 1, (p, q, o) -> u1(o, q[0], p[0]));
    define("p", 1, 1, (p, q, o) -> u1(o, q[0], p[0]));
    define("cx", 0, 2, (p, q, o) -> o.gate(GateType.CNOT, q));
    define("id", 0, 1, (p, q, o) -> o.gate(GateType.ID1, q));
    define("u0", 1, 1, (p, q, o) -> o.gate(GateType.ID1, q));
    define("x", 0, 1, (p, q, o) -> o.gate(GateType.X, q));
    define("y", 0, 1, (p, q, o) -> o.gate(GateType.Y, q));
    define("z", 0, 1, (p, q, o) -> o.gate(GateType.Z, q));
    define("h", 0, 1, (p, q, o) -> o.gate(GateType.H, q));
    define("s", 0, 1, (p, q, o) -> o.gate(GateType.S, q));
    define("sdg", 0, 1, (p, q, o) -> u1(o, q[0], -Math.PI / 2));
    define("t", 0, 1, (p, q, o) -> o.gate(GateType.T, q));
    define("tdg", 0, 1, (p, q, o) -> u1(o, q[0], -Math.PI / 4));
    define("rx", 1, 1, (p, q, o) -> o.gate(GateType.RX, q, p[0]));
    define("ry", 1, 1, (p, q, o) -> o.gate(GateType.RY, q, p[0]));
    define("rz", 1, 1, (p, q, o) -> o.gate(GateType.RZ, q, p[0]));
    define("sx", 0, 1, (p, q, o) -> o.gate(GateType.X_1_2, q));
    define("sxdg", 0, 1, (p, q, o) -> {
      o.gate(GateType.RX, q, -Math.PI / 2);
      o.phase(-Math.PI / 4);
    });
    define("cz", 0, 2, (p, q, o) -> o.gate(GateType.CZ, q));
    define("cy", 0, 2, (p, q, o) -> {
      u1(o, q[1], -Math.PI / 2);
      o.gate(GateType.CNOT, q);
      o.gate(GateType.S, new int[] {q[1]});
    });
    // H = Ry(pi/4) Z Ry(-pi/4), so controlled-H is CZ between those rotations of the target.
    define("ch", 0, 2, (p, q, o) -> {
      o.gate(GateType.RY, new int[] {q[1]}, -Math.PI / 4);
      o.gate(GateType.CZ, q);
      o.gate(GateType.RY, new int[] {q[1]}, Math.PI / 4);
    });
    define("swap", 0, 2, (p, q, o) -> o.gate(GateType.SW, q));
    define("crz", 1, 2, (p, q, o) -> controlledRz(o, q, p[0]));
    define("cry", 1, 2, (p, q, o) -> {
      o.gate(GateType.RY, new int[] {q[1]}, p[0] / 2);
      o.gate(GateType.CNOT, q);
      o.gate(GateType.RY, new int[] {q[1]}, -p[0] / 2);
      o.gate(GateType.CNOT, q);
    });
    define("crx", 1, 2, (p, q, o) -> {
      o.gate(GateType.H, new int[] {q[1]});
      controlledRz(o, q, p[0]);
      o.gate(GateType.H, new int[] {q[1]});
    });
    // qsim's cp(phi) is diag(1, 1, 1, e^{-i phi}).
    define("cu1", 1, 2, (p, q, o) -> o.gate(GateType.CP, q, -p[0]));
    define("cp", 1, 2, (p, q, o) -> o.gate(GateType.CP, q, -p[0]));
    define("cu3", 3, 2, (p, q, o) -> cu3(o, q, p[0], p[1], p[2]));
    define("cu", 4, 2, (p, q, o) -> {
      u1(o, q[0], p[3]);
      cu3(o, q, p[0], p[1], p[2]);
    });
    // sqrt(X) = e^{i pi/4} Rx(pi/2).
    define("csx", 0, 2, (p, q, o) -> {
      u1(o, q[0], Math.PI / 4);
      o.gate(GateType.H, new int[] {q[1]});
      controlledRz(o, q, Math.PI / 2);
      o.gate(GateType.H, new int[] {q[1]});
    });
    define("rzz", 1, 2, (p, q, o) -> rzz(o, q, p[0]));
    define("rxx", 1, 2, (p, q, o) -> {
      o.gate(GateType.H, new int[] {q[0]});
      o.gate(GateType.H, new int[] {q[1]});
      rzz(o, q, p[0]);
      o.gate(GateType.H, new int[] {q[0]});
      o.gate(GateType.H, new int[] {q[1]});
    });
    define("ccx", 0, 3, (p, q, o) -> ccx(o, q[0], q[1], q[2]));
    define("cswap", 0, 3, (p, q, o) -> {
      o.gate(GateType.CNOT, new int[] {q[2], q[1]});
      ccx(o, q[0], q[1], q[2]);
      o.gate(GateType.CNOT, new int[] {q[2], q[1]});
    });
  }

  private Qelib1() {}

  private static void define(String name, int numParams, int numQubits, Expansion e) {
    LIBRARY.put(name, new Definition(numParams, numQubits, e));
  }

  /** U3 = e^{i (phi + lambda)/2} Rz(phi) Ry(theta) Rz(lambda). */
  private static void u3(CircuitAssembler o, int q, double theta, double phi, double lambda) {
    o.gate(GateType.RZ, new int[] {q}, lambda);
    o.gate(GateType.RY, new int[] {q}, theta);
    o.gate(GateType.RZ, new int[] {q}, phi);
    o.phase((phi + lambda) / 2);
  }

  /** U1 = diag(1, e^{i lambda}) = e^{i lambda/2} Rz(lambda). */
  private static void u1(CircuitAssembler o, int q, double lambda) {
    o.gate(GateType.RZ, new int[] {q}, lambda);
    o.phase(lambda / 2);
  }

  /** Rz(theta) on q[1] when q[0] is 1: X Rz(-theta/2) X Rz(theta/2) = Rz(theta). */
  private static void controlledRz(CircuitAssembler o, int[] q, double theta) {
    o.gate(GateType.RZ, new int[] {q[1]}, theta / 2);
    o.gate(GateType.CNOT, q);
    o.gate(GateType.RZ, new int[] {q[1]}, -theta / 2);
    o.gate(GateType.CNOT, q);
  }

  /** e^{-i theta Z Z / 2}: the parity of the two qubits, rotated. */
  private static void rzz(CircuitAssembler o, int[] q, double theta) {
    o.gate(GateType.CNOT, q);
    o.gate(GateType.RZ, new int[] {q[1]}, theta);
    o.gate(GateType.CNOT, q);
  }

  /**
   * Controlled U3 by the A X B X C construction (Nielsen and Chuang, Cor. 4.2), with the U3's phase
   * e^{i (phi + lambda)/2} applied as a u1 on the control.
   */
  private static void cu3(CircuitAssembler o, int[] q, double theta, double phi, double lambda) {
    int t = q[1];
    u1(o, q[0], (phi + lambda) / 2);
    o.gate(GateType.RZ, new int[] {t}, (lambda - phi) / 2);
    o.gate(GateType.CNOT, q);
    o.gate(GateType.RZ, new int[] {t}, -(phi + lambda) / 2);
    o.gate(GateType.RY, new int[] {t}, -theta / 2);
    o.gate(GateType.CNOT, q);
    o.gate(GateType.RY, new int[] {t}, theta / 2);
    o.gate(GateType.RZ, new int[] {t}, phi);
  }

  /** Toffoli, the standard exact decomposition into H, T, T-dagger and CNOT (as in qelib1.inc). */
  private static void ccx(CircuitAssembler o, int a, int b, int c) {
    o.gate(GateType.H, new int[] {c});
    o.gate(GateType.CNOT, new int[] {b, c});
    u1(o, c, -Math.PI / 4);
    o.gate(GateType.CNOT, new int[] {a, c});
    o.gate(GateType.T, new int[] {c});
    o.gate(GateType.CNOT, new int[] {b, c});
    u1(o, c, -Math.PI / 4);
    o.gate(GateType.CNOT, new int[] {a, c});
    o.gate(GateType.T, new int[] {b});
    o.gate(GateType.T, new int[] {c});
    o.gate(GateType.H, new int[] {c});
    o.gate(GateType.CNOT, new int[] {a, b});
    o.gate(GateType.T, new int[] {a});
    u1(o, b, -Math.PI / 4);
    o.gate(GateType.CNOT, new int[] {a, b});
  }
}
