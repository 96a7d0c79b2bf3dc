package io.canopy.cuda;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Pairwise contraction by the definition, in double, over every assignment of the indices: the
 * oracle the GPU results are checked against.
 */
final class DenseReference {
  private DenseReference() {}

  /** A complex tensor on the host: index ids in memory order (first slowest) and planar values. */
  record Dense(int[] indices, int[] log2Dims, double[] re, double[] im) {
    static Dense random(Random rnd, int[] indices, int[] log2Dims, double scale) {
      int n = 1 << Arrays.stream(log2Dims).sum();
      double[] re = new double[n];
      double[] im = new double[n];
      for (int i = 0; i < n; i++) {
        re[i] = scale * rnd.nextGaussian();
        im[i] = scale * rnd.nextGaussian();
      }
      return new Dense(indices, log2Dims, re, im);
    }

    int log2Size(int index) {
      for (int a = 0; a < indices.length; a++) if (indices[a] == index) return log2Dims[a];
      return -1;
    }

    /** Offset of the element whose index values are given per index id. */
    int offset(Map<Integer, Integer> values) {
      int off = 0;
      for (int a = 0; a < indices.length; a++) off = (off << log2Dims[a]) | values.get(indices[a]);
      return off;
    }
  }

  /**
   * Sum over the indices of a and b not in {@code outOrder}; the result laid out in
   * {@code outOrder}. Returns {re, im}.
   */
  static double[][] contract(Dense a, Dense b, int[] outOrder) {
    Map<Integer, Integer> log2 = new LinkedHashMap<>();
    for (int x = 0; x < a.indices().length; x++) log2.put(a.indices()[x], a.log2Dims()[x]);
    for (int x = 0; x < b.indices().length; x++) log2.putIfAbsent(b.indices()[x], b.log2Dims()[x]);
    Dense shape = new Dense(outOrder, Arrays.stream(outOrder).map(log2::get).toArray(), null, null);
    int outSize = 1 << Arrays.stream(shape.log2Dims()).sum();
    double[] re = new double[outSize];
    double[] im = new double[outSize];
    int[] all = log2.keySet().stream().mapToInt(Integer::intValue).toArray();
    int totalBits = log2.values().stream().mapToInt(Integer::intValue).sum();
    Map<Integer, Integer> values = new LinkedHashMap<>();
    for (long combo = 0; combo < 1L << totalBits; combo++) {
      long c = combo;
      for (int ix : all) {
        int bits = log2.get(ix);
        values.put(ix, (int) (c & ((1L << bits) - 1)));
        c >>= bits;
      }
      int ia = a.offset(values);
      int ib = b.offset(values);
      int io = shape.offset(values);
      re[io] += a.re()[ia] * b.re()[ib] - a.im()[ia] * b.im()[ib];
      im[io] += a.re()[ia] * b.im()[ib] + a.im()[ia] * b.re()[ib];
    }
    return new double[][] {re, im};
  }

  /** ||x - ref|| / ||ref|| over complex values. */
  static double relativeError(double[] re, double[] im, double[] refRe, double[] refIm) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < re.length; i++) {
      diff += sq(re[i] - refRe[i]) + sq(im[i] - refIm[i]);
      norm += sq(refRe[i]) + sq(refIm[i]);
    }
    return Math.sqrt(diff / norm);
  }

  private static double sq(double x) { return x * x; }
}
