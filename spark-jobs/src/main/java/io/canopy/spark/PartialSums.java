package io.canopy.spark;

import io.canopy.contractor.HostTensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reduces partial sums to one tensor per subspace in a fixed order (subspace, then first slice),
 * so the result is bitwise the same however tasks were scheduled, retried or resumed.
 */
public final class PartialSums {
  /** The reduction order: by subspace, then by first slice. */
  public static final Comparator<PartialSum> ORDER = Comparator
      .comparingInt((PartialSum p) -> p.item().subspace())
      .thenComparingLong(p -> p.item().fromSlice());

  private PartialSums() {}

  /**
   * @throws IllegalStateException if the partial sums do not cover every slice of every subspace
   *     exactly once
   */
  public static List<HostTensor> reduce(int subspaces, long numSlices, List<PartialSum> partials) {
    List<PartialSum> sorted = new ArrayList<>(partials);
    sorted.sort(ORDER);
    List<HostTensor> sums = new ArrayList<>();
    int next = 0;
    for (int s = 0; s < subspaces; s++) {
      long covered = 0;
      double[] re = null;
      double[] im = null;
      int[] indices = null;
      while (next < sorted.size() && sorted.get(next).item().subspace() == s) {
        PartialSum p = sorted.get(next++);
        if (p.item().fromSlice() != covered) {
          throw new IllegalStateException("subspace " + s + ": slices from " + covered
              + " missing or repeated (next range starts at " + p.item().fromSlice() + ")");
        }
        covered = p.item().toSlice();
        HostTensor v = p.value();
        if (re == null) {
          re = v.re().clone();
          im = v.im().clone();
          indices = v.indices();
        } else {
          for (int i = 0; i < re.length; i++) {
            re[i] += v.re()[i];
            im[i] += v.im()[i];
          }
        }
      }
      if (covered != numSlices || re == null) {
        throw new IllegalStateException("subspace " + s + ": only " + covered + " of "
            + numSlices + " slices computed");
      }
      sums.add(new HostTensor(indices, re, im));
    }
    if (next != sorted.size()) throw new IllegalStateException("partial sums of unknown subspaces");
    return sums;
  }
}
