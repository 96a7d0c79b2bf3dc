package io.canopy.contractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Norm-wise comparison of planar complex results, with the error bound each precision earns. */
public final class Tolerance {
  private Tolerance() {}

  public static double of(Precision p) {
    return p == Precision.COMPLEX128 ? 1e-12 : 1e-5;
  }

  /** Asserts {@code max |x - ref| <= tol * max |ref|} over all elements. */
  public static void assertClose(double[] refRe, double[] refIm, double[] re, double[] im, double tol, String what) {
    assertEquals(refRe.length, re.length, what + ": element count");
    double scale = 0;
    double err = 0;
    for (int i = 0; i < re.length; i++) {
      scale = Math.max(scale, Math.hypot(refRe[i], refIm[i]));
      err = Math.max(err, Math.hypot(re[i] - refRe[i], im[i] - refIm[i]));
    }
    assertTrue(scale > 0, what + ": reference is all zeros, the comparison would prove nothing");
    assertTrue(err <= tol * scale, what + ": error " + err + " exceeds " + tol + " x " + scale);
  }
}
