package io.canopy.contractor;

import io.canopy.circuits.network.Tensor;

/**
 * Maps slice ids to values of the sliced indices, and cuts input tensors down to one slice.
 *
 * <p>Slice {@code s} fixes the sliced indices to the digits of {@code s} in mixed radix: the
 * sliced indices in ascending id order (the order a plan stores them in), each with its own size,
 * the first (lowest id) the most significant digit. With sliced indices 3 (size 2) and 7 (size 4),
 * slice 5 = 1 * 4 + 1 fixes index 3 to 1 and index 7 to 1.
 */
final class SlicedIndices {
  private final int[] sliced;
  private final int[] log2Size;

  /**
   * @param sliced the sliced index ids, ascending
   * @param log2Size log2 size of every index of the network
   */
  SlicedIndices(int[] sliced, int[] log2Size) {
    this.sliced = sliced.clone();
    this.log2Size = log2Size.clone();
  }

  /** The value of every index for slice {@code s}: the digit for sliced indices, -1 for the others. */
  int[] values(long slice) {
    int[] v = new int[log2Size.length];
    java.util.Arrays.fill(v, -1);
    long rest = slice;
    for (int i = sliced.length - 1; i >= 0; i--) {
      int bits = log2Size[sliced[i]];
      v[sliced[i]] = (int) (rest & ((1L << bits) - 1));
      rest >>>= bits;
    }
    return v;
  }

  /** Whether a tensor has any sliced index, that is, differs from slice to slice. */
  boolean touches(int[] indices) {
    for (int ix : indices) if (isSliced(ix)) return true;
    return false;
  }

  boolean isSliced(int index) {
    for (int s : sliced) if (s == index) return true;
    return false;
  }

  /**
   * The part of a tensor where its sliced indices take the given values: the remaining axes in
   * their original order, row-major.
   *
   * @param values index values as {@link #values} returns them
   */
  SlicedTensor cut(Tensor t, int[] values) {
    int[] ix = t.indices();
    int rank = ix.length;
    long[] stride = new long[rank];
    long s = 1;
    for (int a = rank - 1; a >= 0; a--) {
      stride[a] = s;
      s <<= log2Size[ix[a]];
    }
    long base = 0;
    int kept = 0;
    for (int a = 0; a < rank; a++) {
      if (values[ix[a]] >= 0) base += values[ix[a]] * stride[a];
      else kept++;
    }
    int[] keptIx = new int[kept];
    int[] keptLog2 = new int[kept];
    long[] keptStride = new long[kept];
    int outSize = 1;
    for (int a = 0, j = 0; a < rank; a++) {
      if (values[ix[a]] >= 0) continue;
      keptIx[j] = ix[a];
      keptLog2[j] = log2Size[ix[a]];
      keptStride[j] = stride[a];
      outSize <<= keptLog2[j];
      j++;
    }
    double[] re = new double[outSize];
    double[] im = new double[outSize];
    int[] digit = new int[kept];
    long offset = base;
    for (int e = 0; e < outSize; e++) {
      re[e] = t.re()[(int) offset];
      im[e] = t.im()[(int) offset];
      // odometer over the kept axes, last fastest
      for (int a = kept - 1; a >= 0; a--) {
        offset += keptStride[a];
        if (++digit[a] < (1 << keptLog2[a])) break;
        offset -= keptStride[a] << keptLog2[a];
        digit[a] = 0;
      }
    }
    return new SlicedTensor(keptIx, keptLog2, re, im);
  }

  /** A host tensor cut to one slice, ready to upload. */
  record SlicedTensor(int[] indices, int[] log2Dims, double[] re, double[] im) {}
}
