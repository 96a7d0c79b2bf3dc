package io.canopy.circuits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GateTypeTest {
  private static final double EPS = 1e-15;

  /** Some parameters for every gate type that takes any. */
  private static double[] someParams(GateType t) {
    double[] p = new double[t.numParams()];
    for (int i = 0; i < p.length; i++) p[i] = 0.3 + 1.1 * i - (t == GateType.FS ? 2 * i : 0);
    return p;
  }

  private static int[] someQubits(GateType t) {
    return t.numQubits() == 2 ? new int[] {3, 1} : t.numQubits() == 1 ? new int[] {2} : new int[0];
  }

  /** Complex matrix product of two planar dim x dim matrices, {re, im}. */
  static double[][] multiply(double[] ar, double[] ai, double[] br, double[] bi, int dim) {
    double[] cr = new double[dim * dim];
    double[] ci = new double[dim * dim];
    for (int r = 0; r < dim; r++) {
      for (int c = 0; c < dim; c++) {
        for (int k = 0; k < dim; k++) {
          cr[r * dim + c] += ar[r * dim + k] * br[k * dim + c] - ai[r * dim + k] * bi[k * dim + c];
          ci[r * dim + c] += ar[r * dim + k] * bi[k * dim + c] + ai[r * dim + k] * br[k * dim + c];
        }
      }
    }
    return new double[][] {cr, ci};
  }

  @Test
  void everyGateIsUnitary() {
    for (GateType t : GateType.values()) {
      Gate g = t.create(0, someQubits(t), someParams(t));
      int dim = 1 << t.numQubits();
      double[] re = g.matrixRe();
      double[] im = g.matrixIm();
      // U^dagger: transpose, negate the imaginary part.
      double[] hr = new double[dim * dim];
      double[] hi = new double[dim * dim];
      for (int r = 0; r < dim; r++) {
        for (int c = 0; c < dim; c++) {
          hr[c * dim + r] = re[r * dim + c];
          hi[c * dim + r] = -im[r * dim + c];
        }
      }
      double[][] p = multiply(re, im, hr, hi, dim);
      for (int r = 0; r < dim; r++) {
        for (int c = 0; c < dim; c++) {
          assertEquals(r == c ? 1 : 0, p[0][r * dim + c], 1e-15, t + " U U^+ re");
          assertEquals(0, p[1][r * dim + c], 1e-15, t + " U U^+ im");
        }
      }
    }
  }

  @Test
  void cnotControlsOnItsFirstQubitWhichIsTheHighBit() {
    Gate g = GateType.CNOT.create(0, new int[] {0, 1});
    // |10> -> |11>: rows and columns are indexed by (bit of qubit 0) * 2 + (bit of qubit 1).
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0},
        g.matrixRe(), 0);
    assertArrayEquals(g.matrixRe(), GateType.CX.create(0, new int[] {0, 1}).matrixRe(), 0);
  }

  @Test
  void rotationsFollowQsimsSignConvention() {
    double phi = 0.7;
    Gate rz = GateType.RZ.create(0, new int[] {0}, phi);
    // rz(phi) = exp(-i phi Z / 2) = diag(e^{-i phi/2}, e^{i phi/2}).
    assertArrayEquals(new double[] {Math.cos(phi / 2), 0, 0, Math.cos(phi / 2)}, rz.matrixRe(), EPS);
    assertArrayEquals(new double[] {-Math.sin(phi / 2), 0, 0, Math.sin(phi / 2)}, rz.matrixIm(), EPS);
    Gate rx = GateType.RX.create(0, new int[] {0}, phi);
    assertArrayEquals(new double[] {0, -Math.sin(phi / 2), -Math.sin(phi / 2), 0}, rx.matrixIm(), EPS);
    Gate ry = GateType.RY.create(0, new int[] {0}, phi);
    assertArrayEquals(new double[] {Math.cos(phi / 2), -Math.sin(phi / 2), Math.sin(phi / 2),
        Math.cos(phi / 2)}, ry.matrixRe(), EPS);
  }

  @Test
  void squareRootGatesSquareToTheirPaulis() {
    double s = Math.sqrt(0.5);
    assertSquare(GateType.X_1_2, new double[] {0, 1, 1, 0}, new double[4]);
    assertSquare(GateType.Y_1_2, new double[4], new double[] {0, -1, 1, 0});
    // W = (X + Y) / sqrt(2).
    assertSquare(GateType.HZ_1_2, new double[] {0, s, s, 0}, new double[] {0, -s, s, 0});
  }

  private static void assertSquare(GateType t, double[] re, double[] im) {
    Gate g = t.create(0, new int[] {0});
    double[][] sq = multiply(g.matrixRe(), g.matrixIm(), g.matrixRe(), g.matrixIm(), 2);
    assertArrayEquals(re, sq[0], 1e-15, t + " squared, re");
    assertArrayEquals(im, sq[1], 1e-15, t + " squared, im");
  }

  @Test
  void fsimHasItsTextbookForm() {
    double theta = Math.PI / 2;
    double phi = Math.PI / 6;
    Gate g = GateType.FS.create(0, new int[] {0, 1}, theta, phi);
    double[] re = g.matrixRe();
    double[] im = g.matrixIm();
    assertEquals(1, re[0], EPS);
    assertEquals(Math.cos(theta), re[5], EPS);
    assertEquals(-Math.sin(theta), im[6], EPS);
    assertEquals(-Math.sin(theta), im[9], EPS);
    assertEquals(Math.cos(phi), re[15], EPS);
    assertEquals(-Math.sin(phi), im[15], EPS);
    // A negative phi means the same gate as phi + 2 pi.
    Gate neg = GateType.FS.create(0, new int[] {0, 1}, 0.4, -0.5);
    Gate pos = GateType.FS.create(0, new int[] {0, 1}, 0.4, -0.5 + 2 * Math.PI);
    assertArrayEquals(pos.matrixIm(), neg.matrixIm(), 1e-15);
  }

  @Test
  void wrongArityIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> GateType.CZ.create(0, new int[] {1}));
    assertThrows(IllegalArgumentException.class, () -> GateType.RZ.create(0, new int[] {1}));
    assertEquals(GateType.FS, GateType.byName("fs").orElseThrow());
    assertEquals(false, GateType.byName("FS").isPresent());
  }
}
