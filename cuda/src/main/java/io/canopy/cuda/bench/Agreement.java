package io.canopy.cuda.bench;

/**
 * How closely a lower-precision result vector {@code a} follows a reference {@code b}: the fidelity
 * |<a|b>|^2 / (<a|a><b|b>), the normwise relative error ||a - b|| / ||b||, and the largest
 * elementwise relative error |a_i - b_i| / |b_i| (over elements with b_i != 0).
 */
public record Agreement(double fidelity, double normwiseError, double maxRelativeError) {

  public static Agreement of(double[] aRe, double[] aIm, double[] bRe, double[] bIm) {
    double dotRe = 0;
    double dotIm = 0;
    double aa = 0;
    double bb = 0;
    double diff = 0;
    double maxRel = 0;
    for (int i = 0; i < aRe.length; i++) {
      // <a|b> = sum conj(a_i) b_i
      dotRe += aRe[i] * bRe[i] + aIm[i] * bIm[i];
      dotIm += aRe[i] * bIm[i] - aIm[i] * bRe[i];
      aa += aRe[i] * aRe[i] + aIm[i] * aIm[i];
      double b2 = bRe[i] * bRe[i] + bIm[i] * bIm[i];
      bb += b2;
      double d2 = (aRe[i] - bRe[i]) * (aRe[i] - bRe[i]) + (aIm[i] - bIm[i]) * (aIm[i] - bIm[i]);
      diff += d2;
      if (b2 > 0) maxRel = Math.max(maxRel, Math.sqrt(d2 / b2));
    }
    return new Agreement((dotRe * dotRe + dotIm * dotIm) / (aa * bb), Math.sqrt(diff / bb), maxRel);
  }
}
