package io.canopy.circuits;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The qsim gate set: every gate of quantumlib/qsim's {@code lib/gates_qsim.h}, by its qsim name,
 * with the same matrices and angle conventions.
 *
 * <p>The matrices below are written exactly as {@code gates_qsim.h} writes them: interleaved
 * {re, im} pairs, row-major, and for two-qubit gates with the <em>first</em> qubit of the file as
 * the <em>least</em> significant bit of the row and column index (qsim's simulator orders qubits
 * that way). {@link #create} reorders them into {@link Gate}'s convention, where the first qubit is
 * the most significant bit. This only matters for the non-symmetric {@code cnot}; the other
 * two-qubit gates are symmetric under exchange of their qubits.
 */
public enum GateType {
  /** Global phase e^{i phi}; acts on no qubit. */
  P("p", 0, 1) {
    @Override double[] qsimMatrix(double[] p) { return new double[] {Math.cos(p[0]), Math.sin(p[0])}; }
  },
  ID1("id1", 1, 0) {
    @Override double[] qsimMatrix(double[] p) { return new double[] {1, 0, 0, 0, 0, 0, 1, 0}; }
  },
  H("h", 1, 0) {
    @Override double[] qsimMatrix(double[] p) {
      return new double[] {IS2, 0, IS2, 0, IS2, 0, -IS2, 0};
    }
  },
  T("t", 1, 0) {
    @Override double[] qsimMatrix(double[] p) { return new double[] {1, 0, 0, 0, 0, 0, IS2, IS2}; }
  },
  X("x", 1, 0) {
    @Override double[] qsimMatrix(double[] p) { return new double[] {0, 0, 1, 0, 1, 0, 0, 0}; }
  },
  Y("y", 1, 0) {
    @Override double[] qsimMatrix(double[] p) { return new double[] {0, 0, 0, -1, 0, 1, 0, 0}; }
  },
  Z("z", 1, 0) {
    @Override double[] qsimMatrix(double[] p) { return new double[] {1, 0, 0, 0, 0, 0, -1, 0}; }
  },
  /** sqrt(X). */
  X_1_2("x_1_2", 1, 0) {
    @Override double[] qsimMatrix(double[] p) {
      return new double[] {HALF, HALF, HALF, -HALF, HALF, -HALF, HALF, HALF};
    }
  },
  /** sqrt(Y). */
  Y_1_2("y_1_2", 1, 0) {
    @Override double[] qsimMatrix(double[] p) {
      return new double[] {HALF, HALF, -HALF, -HALF, HALF, HALF, HALF, HALF};
    }
  },
  /** sqrt(W), W = (X + Y) / sqrt(2): a pi/2 rotation around the X + Y axis. */
  HZ_1_2("hz_1_2", 1, 0) {
    @Override double[] qsimMatrix(double[] p) {
      return new double[] {HALF, HALF, 0, -IS2, IS2, 0, HALF, HALF};
    }
  },
  /** e^{-i phi X / 2}. */
  RX("rx", 1, 1) {
    @Override double[] qsimMatrix(double[] p) {
      double c = Math.cos(-0.5 * p[0]);
      double s = Math.sin(-0.5 * p[0]);
      return new double[] {c, 0, 0, s, 0, s, c, 0};
    }
  },
  /** e^{-i phi Y / 2}. */
  RY("ry", 1, 1) {
    @Override double[] qsimMatrix(double[] p) {
      double c = Math.cos(-0.5 * p[0]);
      double s = Math.sin(-0.5 * p[0]);
      return new double[] {c, 0, s, 0, -s, 0, c, 0};
    }
  },
  /** e^{-i phi Z / 2}. */
  RZ("rz", 1, 1) {
    @Override double[] qsimMatrix(double[] p) {
      double c = Math.cos(-0.5 * p[0]);
      double s = Math.sin(-0.5 * p[0]);
      return new double[] {c, s, 0, 0, 0, 0, c, -s};
    }
  },
  /** e^{-i phi (cos(theta) X + sin(theta) Y) / 2}; parameters theta, phi. */
  RXY("rxy", 1, 2) {
    @Override double[] qsimMatrix(double[] p) {
      double cp = Math.cos(-0.5 * p[1]);
      double sp = Math.sin(-0.5 * p[1]);
      double ct = Math.cos(p[0]) * sp;
      double st = Math.sin(p[0]) * sp;
      return new double[] {cp, 0, st, ct, -st, ct, cp, 0};
    }
  },
  S("s", 1, 0) {
    @Override double[] qsimMatrix(double[] p) { return new double[] {1, 0, 0, 0, 0, 0, 0, 1}; }
  },
  ID2("id2", 2, 0) {
    @Override double[] qsimMatrix(double[] p) { return diagonal(1, 0, 1, 0, 1, 0, 1, 0); }
  },
  CZ("cz", 2, 0) {
    @Override double[] qsimMatrix(double[] p) { return diagonal(1, 0, 1, 0, 1, 0, -1, 0); }
  },
  /** CNOT with the first qubit as control; {@code cx} is the same gate. */
  CNOT("cnot", 2, 0) {
    @Override double[] qsimMatrix(double[] p) {
      return new double[] {
        1, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 1, 0,
        0, 0, 0, 0, 1, 0, 0, 0,
        0, 0, 1, 0, 0, 0, 0, 0};
    }
  },
  CX("cx", 2, 0) {
    @Override double[] qsimMatrix(double[] p) { return CNOT.qsimMatrix(p); }
  },
  SW("sw", 2, 0) {
    @Override double[] qsimMatrix(double[] p) {
      return new double[] {
        1, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 1, 0, 0, 0,
        0, 0, 1, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 1, 0};
    }
  },
  IS("is", 2, 0) {
    @Override double[] qsimMatrix(double[] p) {
      return new double[] {
        1, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 1, 0, 0,
        0, 0, 0, 1, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 1, 0};
    }
  },
  /** fSim(theta, phi); like qsim, a negative phi is shifted by 2 pi before its cosine and sine. */
  FS("fs", 2, 2) {
    @Override double[] qsimMatrix(double[] p) {
      double theta = p[0];
      double phi = p[1] < 0 ? p[1] + 2 * 3.141592653589793 : p[1];
      double ct = Math.cos(theta);
      double st = Math.sin(theta);
      double cp = Math.cos(phi);
      double sp = Math.sin(phi);
      return new double[] {
        1, 0, 0, 0, 0, 0, 0, 0,
        0, 0, ct, 0, 0, -st, 0, 0,
        0, 0, 0, -st, ct, 0, 0, 0,
        0, 0, 0, 0, 0, 0, cp, -sp};
    }
  },
  /** Controlled phase diag(1, 1, 1, e^{-i phi}). */
  CP("cp", 2, 1) {
    @Override double[] qsimMatrix(double[] p) {
      return diagonal(1, 0, 1, 0, 1, 0, Math.cos(p[0]), -Math.sin(p[0]));
    }
  };

  private static final double HALF = 0.5;
  private static final double IS2 = 0.7071067811865475;
  private static final Map<String, GateType> BY_NAME = new HashMap<>();

  static {
    for (GateType t : values()) BY_NAME.put(t.qsimName, t);
  }

  private final String qsimName;
  private final int numQubits;
  private final int numParams;

  GateType(String qsimName, int numQubits, int numParams) {
    this.qsimName = qsimName;
    this.numQubits = numQubits;
    this.numParams = numParams;
  }

  /** The matrix exactly as gates_qsim.h writes it (interleaved, first qubit least significant). */
  abstract double[] qsimMatrix(double[] params);

  /** The name in qsim files. */
  public String qsimName() { return qsimName; }

  public int numQubits() { return numQubits; }

  public int numParams() { return numParams; }

  /** The gate type of a qsim gate name, if there is one. */
  public static Optional<GateType> byName(String qsimName) {
    return Optional.ofNullable(BY_NAME.get(qsimName));
  }

  /**
   * Builds a gate of this type.
   *
   * @throws IllegalArgumentException if the numbers of qubits or parameters do not fit the type
   */
  public Gate create(int time, int[] qubits, double... params) {
    if (qubits.length != numQubits || params.length != numParams) {
      throw new IllegalArgumentException(qsimName + " takes " + numQubits + " qubit(s) and "
          + numParams + " parameter(s), not " + qubits.length + " and " + params.length);
    }
    double[] qsim = qsimMatrix(params);
    int dim = 1 << numQubits;
    double[] re = new double[dim * dim];
    double[] im = new double[dim * dim];
    for (int row = 0; row < dim; row++) {
      for (int col = 0; col < dim; col++) {
        int from = 2 * (reverseBits(row, numQubits) * dim + reverseBits(col, numQubits));
        re[row * dim + col] = qsim[from];
        im[row * dim + col] = qsim[from + 1];
      }
    }
    return new Gate(qsimName, time, qubits, params, re, im);
  }

  /** Reverses the lowest {@code bits} bits of {@code value}: qsim's qubit order to Gate's. */
  private static int reverseBits(int value, int bits) {
    return Integer.reverse(value) >>> (32 - bits) & ((1 << bits) - 1);
  }

  private static double[] diagonal(double... interleaved) {
    int dim = interleaved.length / 2;
    double[] m = new double[2 * dim * dim];
    for (int i = 0; i < dim; i++) {
      m[2 * (i * dim + i)] = interleaved[2 * i];
      m[2 * (i * dim + i) + 1] = interleaved[2 * i + 1];
    }
    return m;
  }
}
