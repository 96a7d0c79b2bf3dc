package io.canopy.circuits.sim;

import io.canopy.circuits.Gate;

/**
 * One gate applied in place to a state vector, as independent units of work: unit k touches the
 * 2^arity amplitudes whose indices agree outside the gate's qubits, so units can run in parallel.
 */
abstract class GateKernel {
  final double[] re;
  final double[] im;

  GateKernel(StateVector s) {
    this.re = s.re;
    this.im = s.im;
  }

  /** Number of units; {@link #run} takes a range of them. */
  abstract int units();

  abstract void run(int fromUnit, int toUnit);

  static GateKernel of(Gate g, StateVector s) {
    double[] mr = g.matrixRe();
    double[] mi = g.matrixIm();
    switch (g.arity()) {
      case 0: return new Diagonal(s, new int[0], mr, mi);
      case 1: return isDiagonal(mr, mi, 2) ? new Diagonal(s, g.qubits(), diag(mr, 2), diag(mi, 2))
          : new OneQubit(s, g.qubit(0), mr, mi);
      case 2: return isDiagonal(mr, mi, 4) ? new Diagonal(s, g.qubits(), diag(mr, 4), diag(mi, 4))
          : new TwoQubit(s, g.qubit(0), g.qubit(1), mr, mi);
      default:
        throw new IllegalArgumentException("gates on " + g.arity() + " qubits are not supported");
    }
  }

  private static boolean isDiagonal(double[] mr, double[] mi, int dim) {
    for (int r = 0; r < dim; r++) {
      for (int c = 0; c < dim; c++) {
        if (r != c && (mr[r * dim + c] != 0 || mi[r * dim + c] != 0)) return false;
      }
    }
    return true;
  }

  private static double[] diag(double[] m, int dim) {
    double[] d = new double[dim];
    for (int i = 0; i < dim; i++) d[i] = m[i * dim + i];
    return d;
  }

  /** Index k with a 0 bit inserted at position {@code bit}. */
  static int insertZero(int k, int bit) {
    int low = k & ((1 << bit) - 1);
    return ((k >>> bit) << (bit + 1)) | low;
  }

  /** A 2x2 matrix on one qubit; unit k is the amplitude pair differing in that qubit. */
  private static final class OneQubit extends GateKernel {
    private final int q;
    private final double m00r, m00i, m01r, m01i, m10r, m10i, m11r, m11i;

    OneQubit(StateVector s, int q, double[] mr, double[] mi) {
      super(s);
      this.q = q;
      m00r = mr[0]; m01r = mr[1]; m10r = mr[2]; m11r = mr[3];
      m00i = mi[0]; m01i = mi[1]; m10i = mi[2]; m11i = mi[3];
    }

    @Override int units() { return re.length >>> 1; }

    @Override void run(int from, int to) {
      int step = 1 << q;
      for (int k = from; k < to; k++) {
        int i0 = insertZero(k, q);
        int i1 = i0 | step;
        double ar = re[i0], ai = im[i0], br = re[i1], bi = im[i1];
        re[i0] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
        im[i0] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
        re[i1] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
        im[i1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
      }
    }
  }

  /**
   * A 4x4 matrix on qubits (a, b), a the high bit of the matrix index; unit k is the quadruple of
   * amplitudes differing in a and b.
   */
  private static final class TwoQubit extends GateKernel {
    private final int lowBit;
    private final int highBit;
    private final int[] offset = new int[4];
    private final double[] mr;
    private final double[] mi;

    TwoQubit(StateVector s, int a, int b, double[] mr, double[] mi) {
      super(s);
      lowBit = Math.min(a, b);
      highBit = Math.max(a, b);
      for (int r = 0; r < 4; r++) offset[r] = ((r >> 1) << a) | ((r & 1) << b);
      this.mr = mr;
      this.mi = mi;
    }

    @Override int units() { return re.length >>> 2; }

    @Override void run(int from, int to) {
      double[] vr = new double[4];
      double[] vi = new double[4];
      for (int k = from; k < to; k++) {
        int base = insertZero(insertZero(k, lowBit), highBit);
        for (int c = 0; c < 4; c++) {
          vr[c] = re[base | offset[c]];
          vi[c] = im[base | offset[c]];
        }
        for (int r = 0; r < 4; r++) {
          double sr = 0;
          double si = 0;
          for (int c = 0; c < 4; c++) {
            double ar = mr[4 * r + c];
            double ai = mi[4 * r + c];
            sr += ar * vr[c] - ai * vi[c];
            si += ar * vi[c] + ai * vr[c];
          }
          re[base | offset[r]] = sr;
          im[base | offset[r]] = si;
        }
      }
    }
  }

  /**
   * A diagonal gate: every amplitude is scaled by the diagonal entry its qubits' bits select; unit
   * k is amplitude k. Covers the zero-qubit global phase too.
   */
  private static final class Diagonal extends GateKernel {
    private final int[] qubits;
    private final double[] dr;
    private final double[] di;

    Diagonal(StateVector s, int[] qubits, double[] dr, double[] di) {
      super(s);
      this.qubits = qubits;
      this.dr = dr;
      this.di = di;
    }

    @Override int units() { return re.length; }

    @Override void run(int from, int to) {
      for (int k = from; k < to; k++) {
        int sel = 0;
        for (int q : qubits) sel = (sel << 1) | ((k >>> q) & 1);
        double ar = re[k];
        double ai = im[k];
        re[k] = dr[sel] * ar - di[sel] * ai;
        im[k] = dr[sel] * ai + di[sel] * ar;
      }
    }
  }
}
