package io.canopy.contractor.cpu;

import io.canopy.contractor.DeviceTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A planar complex tensor in ND4J memory: real and imaginary parts as two flat C-order arrays of
 * {@link #size()} elements, in the index order {@link #indices()} records.
 */
final class Nd4jTensor extends DeviceTensor {
  private INDArray re;
  private INDArray im;

  Nd4jTensor(int[] indices, int[] log2Dims, INDArray re, INDArray im) {
    super(indices, log2Dims);
    if (re.length() != size() || im.length() != size()) {
      throw new IllegalArgumentException("tensor values do not match its " + size() + " elements");
    }
    this.re = re;
    this.im = im;
  }

  INDArray re() { return live(re); }

  INDArray im() { return live(im); }

  /** Axis lengths, as ND4J shapes want them. */
  long[] shape() {
    int[] d = log2Dims();
    long[] s = new long[d.length];
    for (int i = 0; i < d.length; i++) s[i] = 1L << d[i];
    return s;
  }

  /** Marks the tensor dead; its buffers now belong to the backend's pool. */
  void release() {
    live(re);
    re = null;
    im = null;
  }

  private static INDArray live(INDArray part) {
    if (part == null) throw new IllegalStateException("tensor used after it was freed");
    return part;
  }
}
