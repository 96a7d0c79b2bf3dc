package io.canopy.circuits.network;

import java.io.Serializable;

/**
 * A dense complex tensor of a network: its index ids and its values stored planar (separate real
 * and imaginary arrays), row-major with {@code indices[0]} the slowest-varying index. The sizes of
 * the indices belong to the network ({@link TensorNetwork#log2Size(int)}).
 */
public final class Tensor implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] indices;
  private final double[] re;
  private final double[] im;

  public Tensor(int[] indices, double[] re, double[] im) {
    if (re.length != im.length) {
      throw new IllegalArgumentException("real and imaginary parts differ in length");
    }
    this.indices = indices.clone();
    this.re = re;
    this.im = im;
  }

  public int[] indices() { return indices.clone(); }

  public int rank() { return indices.length; }

  public int index(int axis) { return indices[axis]; }

  /** Real parts, row-major; shared, not copied: callers must not modify. */
  public double[] re() { return re; }

  /** Imaginary parts, row-major; shared, not copied: callers must not modify. */
  public double[] im() { return im; }

  public int size() { return re.length; }
}
