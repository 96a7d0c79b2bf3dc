package io.canopy.circuits.sim;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.GateType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small random circuits and a by-definition state computation, shared by tests of several packages. */
public final class TestCircuits {
  private TestCircuits() {}

  /** A random circuit over every gate type with arbitrary parameters. */
  public static Circuit random(int n, int numGates, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    GateType[] types = GateType.values();
    List<Gate> gates = new ArrayList<>();
    for (int k = 0; k < numGates; k++) {
      GateType t = types[k < types.length ? k : rng.nextInt(types.length)];
      int a = rng.nextInt(n);
      int b = (a + 1 + rng.nextInt(n - 1)) % n;
      int[] qubits = t.numQubits() == 2 ? new int[] {a, b}
          : t.numQubits() == 1 ? new int[] {a} : new int[0];
      double[] params = new double[t.numParams()];
      for (int i = 0; i < params.length; i++) params[i] = rng.nextDouble(-4, 4);
      gates.add(t.create(k, qubits, params));
    }
    return new Circuit(n, gates);
  }

  /**
   * The state by the definition of a gate: new[i] = sum over j of M[r(i)][r(j)] old[j] for all j
   * that agree with i outside the gate's qubits, r(i) the gate qubits' bits of i (first qubit high).
   */
  public static double[][] denseState(Circuit c) {
    int dim = 1 << c.numQubits();
    double[] re = new double[dim];
    double[] im = new double[dim];
    re[0] = 1;
    for (Gate g : c.gates()) {
      double[] mr = g.matrixRe();
      double[] mi = g.matrixIm();
      int gd = 1 << g.arity();
      int mask = 0;
      for (int q : g.qubits()) mask |= 1 << q;
      double[] nr = new double[dim];
      double[] ni = new double[dim];
      for (int i = 0; i < dim; i++) {
        for (int j = 0; j < dim; j++) {
          if ((i & ~mask) != (j & ~mask)) continue;
          int row = local(g, i);
          int col = local(g, j);
          nr[i] += mr[row * gd + col] * re[j] - mi[row * gd + col] * im[j];
          ni[i] += mr[row * gd + col] * im[j] + mi[row * gd + col] * re[j];
        }
      }
      re = nr;
      im = ni;
    }
    return new double[][] {re, im};
  }

  private static int local(Gate g, int index) {
    int r = 0;
    for (int q : g.qubits()) r = (r << 1) | ((index >> q) & 1);
    return r;
  }
}
