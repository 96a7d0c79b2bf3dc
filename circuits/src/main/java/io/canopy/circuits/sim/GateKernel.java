package io.canopy.circuits.sim;

import io.canopy.circuits.Gate;
import java.util.Arrays;

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
      // The matrix in locals and the loop written out: this is the simulator's hot loop.
      final double[] r = mr;
      final double[] i = mi;
      final double r00 = r[0], r01 = r[1], r02 = r[2], r03 = r[3];
      final double r10 = r[4], r11 = r[5], r12 = r[6], r13 = r[7];
      final double r20 = r[8], r21 = r[9], r22 = r[10], r23 = r[11];
      final double r30 = r[12], r31 = r[13], r32 = r[14], r33 = r[15];
      final double i00 = i[0], i01 = i[1], i02 = i[2], i03 = i[3];
      final double i10 = i[4], i11 = i[5], i12 = i[6], i13 = i[7];
      final double i20 = i[8], i21 = i[9], i22 = i[10], i23 = i[11];
      final double i30 = i[12], i31 = i[13], i32 = i[14], i33 = i[15];
      final int o1 = offset[1], o2 = offset[2], o3 = offset[3];
      for (int k = from; k < to; k++) {
        int p0 = insertZero(insertZero(k, lowBit), highBit);
        int p1 = p0 | o1;
        int p2 = p0 | o2;
        int p3 = p0 | o3;
        double ar = re[p0], ai = im[p0];
        double br = re[p1], bi = im[p1];
        double cr = re[p2], ci = im[p2];
        double dr = re[p3], di = im[p3];
        re[p0] = r00 * ar - i00 * ai + r01 * br - i01 * bi + r02 * cr - i02 * ci + r03 * dr - i03 * di;
        im[p0] = r00 * ai + i00 * ar + r01 * bi + i01 * br + r02 * ci + i02 * cr + r03 * di + i03 * dr;
        re[p1] = r10 * ar - i10 * ai + r11 * br - i11 * bi + r12 * cr - i12 * ci + r13 * dr - i13 * di;
        im[p1] = r10 * ai + i10 * ar + r11 * bi + i11 * br + r12 * ci + i12 * cr + r13 * di + i13 * dr;
        re[p2] = r20 * ar - i20 * ai + r21 * br - i21 * bi + r22 * cr - i22 * ci + r23 * dr - i23 * di;
        im[p2] = r20 * ai + i20 * ar + r21 * bi + i21 * br + r22 * ci + i22 * cr + r23 * di + i23 * dr;
        re[p3] = r30 * ar - i30 * ai + r31 * br - i31 * bi + r32 * cr - i32 * ci + r33 * dr - i33 * di;
        im[p3] = r30 * ai + i30 * ar + r31 * bi + i31 * br + r32 * ci + i32 * cr + r33 * di + i33 * dr;
      }
    }
  }

  /**
   * A diagonal gate: every amplitude is scaled by the diagonal entry its gate qubits' bits select.
   * Unit k is the group of 2^arity amplitudes differing in the gate qubits, so the entry of each
   * amplitude in the group is known without looking at its bits. Covers the zero-qubit global
   * phase too.
   */
  private static final class Diagonal extends GateKernel {
    private final int[] sortedQubits;
    private final int[] offset;
    private final double[] dr;
    private final double[] di;

    Diagonal(StateVector s, int[] qubits, double[] d0r, double[] d0i) {
      super(s);
      this.sortedQubits = qubits.clone();
      Arrays.sort(sortedQubits);
      // Entries equal to 1 leave their amplitudes alone: CZ touches a quarter of the state.
      int kept = 0;
      int[] off = new int[d0r.length];
      double[] keptRe = new double[d0r.length];
      double[] keptIm = new double[d0r.length];
      for (int r = 0; r < d0r.length; r++) {
        if (d0r[r] == 1 && d0i[r] == 0) continue;
        for (int j = 0; j < qubits.length; j++) {
          off[kept] |= ((r >> (qubits.length - 1 - j)) & 1) << qubits[j];
        }
        keptRe[kept] = d0r[r];
        keptIm[kept] = d0i[r];
        kept++;
      }
      this.offset = Arrays.copyOf(off, kept);
      this.dr = Arrays.copyOf(keptRe, kept);
      this.di = Arrays.copyOf(keptIm, kept);
    }

    @Override int units() { return re.length >>> sortedQubits.length; }

    @Override void run(int from, int to) {
      for (int k = from; k < to; k++) {
        int base = k;
        for (int q : sortedQubits) base = insertZero(base, q);
        for (int r = 0; r < offset.length; r++) {
          int i = base | offset[r];
          double ar = re[i];
          double ai = im[i];
          re[i] = dr[r] * ar - di[r] * ai;
          im[i] = dr[r] * ai + di[r] * ar;
        }
      }
    }
  }
}
