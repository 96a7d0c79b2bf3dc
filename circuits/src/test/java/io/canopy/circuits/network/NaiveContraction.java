package io.canopy.circuits.network;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference contraction for tiny networks, independent of the production code: tensors are
 * multiplied into an accumulator one by one, each step a loop over every assignment of the indices
 * involved; the result is laid out in the network's output order (first index slowest).
 */
final class NaiveContraction {
  private NaiveContraction() {}

  /** The contracted values as {re[], im[]}. */
  static double[][] contract(TensorNetwork net) {
    List<Integer> accIdx = new ArrayList<>();
    double[] accRe = {1};
    double[] accIm = {0};
    List<Integer> output = new ArrayList<>();
    for (int o : net.output()) output.add(o);
    for (Tensor t : net.tensors()) {
      List<Integer> union = new ArrayList<>(accIdx);
      for (int ix : t.indices()) if (!union.contains(ix)) union.add(ix);
      List<Integer> result = new ArrayList<>();
      for (int ix : union) {
        boolean inBoth = accIdx.contains(ix) && contains(t.indices(), ix);
        if (!inBoth || output.contains(ix)) result.add(ix);
      }
      int bits = 0;
      for (int ix : union) bits += net.log2Size(ix);
      int resultSize = 1;
      for (int ix : result) resultSize <<= net.log2Size(ix);
      double[] nr = new double[resultSize];
      double[] ni = new double[resultSize];
      int[] value = new int[net.numIndices()];
      for (long a = 0; a < (1L << bits); a++) {
        long rest = a;
        for (int ix : union) {
          value[ix] = (int) (rest & ((1 << net.log2Size(ix)) - 1));
          rest >>= net.log2Size(ix);
        }
        int pa = offset(accIdx, value, net);
        int pt = offset(toList(t.indices()), value, net);
        int pr = offset(result, value, net);
        nr[pr] += accRe[pa] * t.re()[pt] - accIm[pa] * t.im()[pt];
        ni[pr] += accRe[pa] * t.im()[pt] + accIm[pa] * t.re()[pt];
      }
      accIdx = result;
      accRe = nr;
      accIm = ni;
    }
    // Reorder into the output order.
    double[] outRe = new double[accRe.length];
    double[] outIm = new double[accIm.length];
    int[] value = new int[net.numIndices()];
    for (int a = 0; a < accRe.length; a++) {
      int rest = a;
      for (int j = accIdx.size() - 1; j >= 0; j--) {
        int ix = accIdx.get(j);
        value[ix] = rest & ((1 << net.log2Size(ix)) - 1);
        rest >>= net.log2Size(ix);
      }
      int po = offset(output, value, net);
      outRe[po] = accRe[a];
      outIm[po] = accIm[a];
    }
    return new double[][] {outRe, outIm};
  }

  private static int offset(List<Integer> indices, int[] value, TensorNetwork net) {
    int off = 0;
    for (int ix : indices) off = (off << net.log2Size(ix)) | value[ix];
    return off;
  }

  private static List<Integer> toList(int[] a) {
    List<Integer> l = new ArrayList<>();
    for (int x : a) l.add(x);
    return l;
  }

  private static boolean contains(int[] a, int x) {
    for (int y : a) if (y == x) return true;
    return false;
  }
}
