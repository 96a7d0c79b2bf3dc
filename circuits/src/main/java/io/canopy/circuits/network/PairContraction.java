package io.canopy.circuits.network;

import java.util.Arrays;

/**
 * Contracts two tensors into one by direct summation over their shared indices. Meant for the
 * small tensors of network simplification (a few dozen values), not for the heavy contractions of
 * a plan, which run on a backend.
 */
final class PairContraction {
  private PairContraction() {}

  /**
   * Sums a * b over the indices they share (each shared index appears once in a and once in b).
   *
   * @param result the indices of the result, in the order wanted: the unshared indices of a and b
   */
  static Tensor contract(Tensor a, Tensor b, int[] result, int[] log2Size) {
    int[] summed = shared(a, b);
    int[] all = new int[result.length + summed.length];
    System.arraycopy(result, 0, all, 0, result.length);
    System.arraycopy(summed, 0, all, result.length, summed.length);
    // Bit field of every index in the loop counter, and its stride in a, b and the result.
    int[] shift = new int[all.length];
    int[] width = new int[all.length];
    long[] strideA = new long[all.length];
    long[] strideB = new long[all.length];
    long[] strideR = new long[all.length];
    int bits = 0;
    for (int j = all.length - 1; j >= 0; j--) {
      shift[j] = bits;
      width[j] = log2Size[all[j]];
      bits += width[j];
      strideA[j] = stride(a, all[j], log2Size);
      strideB[j] = stride(b, all[j], log2Size);
      strideR[j] = j < result.length ? stride(result, all[j], log2Size) : 0;
    }
    if (bits > 30) throw new IllegalArgumentException("pair contraction too large: 2^" + bits);
    long resultSize = 1L << (bits - summedBits(summed, log2Size));
    double[] rr = new double[(int) resultSize];
    double[] ri = new double[(int) resultSize];
    double[] ar = a.re();
    double[] ai = a.im();
    double[] br = b.re();
    double[] bi = b.im();
    for (long t = 0; t < (1L << bits); t++) {
      long oa = 0;
      long ob = 0;
      long or = 0;
      for (int j = 0; j < all.length; j++) {
        long v = (t >>> shift[j]) & ((1L << width[j]) - 1);
        oa += v * strideA[j];
        ob += v * strideB[j];
        or += v * strideR[j];
      }
      double xr = ar[(int) oa];
      double xi = ai[(int) oa];
      double yr = br[(int) ob];
      double yi = bi[(int) ob];
      rr[(int) or] += xr * yr - xi * yi;
      ri[(int) or] += xr * yi + xi * yr;
    }
    return new Tensor(result, rr, ri);
  }

  /** Indices of a that b has too, in a's order. */
  static int[] shared(Tensor a, Tensor b) {
    return Arrays.stream(a.indices()).filter(i -> contains(b.indices(), i)).toArray();
  }

  static boolean contains(int[] indices, int index) {
    for (int i : indices) if (i == index) return true;
    return false;
  }

  private static int summedBits(int[] summed, int[] log2Size) {
    int s = 0;
    for (int i : summed) s += log2Size[i];
    return s;
  }

  private static long stride(Tensor t, int index, int[] log2Size) {
    return stride(t.indices(), index, log2Size);
  }

  /** Row-major stride of {@code index} in a tensor over {@code indices}; 0 if absent. */
  private static long stride(int[] indices, int index, int[] log2Size) {
    long s = 1;
    for (int j = indices.length - 1; j >= 0; j--) {
      if (indices[j] == index) return s;
      s <<= log2Size[indices[j]];
    }
    return 0;
  }
}
