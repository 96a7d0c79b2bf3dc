package io.canopy.contractor;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference the tests check contractions against: an einsum written as plainly as possible,
 * one loop over every assignment of every index, summing products of complex tensor entries.
 */
public final class NaiveEinsum {
  /** A planar complex tensor over index ids, row-major, first index slowest. */
  public record Operand(int[] indices, double[] re, double[] im) {}

  private NaiveEinsum() {}

  /**
   * Sums the product of all operands over every index not in {@code output}, returning the
   * result laid out in {@code output} order.
   *
   * @param log2Size log2 size of every index id
   */
  public static Operand contract(List<Operand> operands, int[] output, int[] log2Size) {
    List<Integer> all = new ArrayList<>();
    for (Operand o : operands) for (int ix : o.indices()) if (!all.contains(ix)) all.add(ix);
    for (int ix : output) if (!all.contains(ix)) all.add(ix);
    int bits = 0;
    for (int ix : all) bits += log2Size[ix];
    int outSize = 1;
    for (int ix : output) outSize <<= log2Size[ix];
    double[] re = new double[outSize];
    double[] im = new double[outSize];
    int[] value = new int[log2Size.length];
    for (long assignment = 0; assignment < (1L << bits); assignment++) {
      long rest = assignment;
      for (int ix : all) {
        value[ix] = (int) (rest & ((1L << log2Size[ix]) - 1));
        rest >>= log2Size[ix];
      }
      double pr = 1;
      double pi = 0;
      for (Operand o : operands) {
        int at = offset(o.indices(), value, log2Size);
        double r = pr * o.re()[at] - pi * o.im()[at];
        pi = pr * o.im()[at] + pi * o.re()[at];
        pr = r;
      }
      int out = offset(output, value, log2Size);
      re[out] += pr;
      im[out] += pi;
    }
    return new Operand(output.clone(), re, im);
  }

  private static int offset(int[] indices, int[] value, int[] log2Size) {
    int at = 0;
    for (int ix : indices) at = (at << log2Size[ix]) | value[ix];
    return at;
  }
}
