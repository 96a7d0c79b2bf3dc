package io.canopy.contractor;

import java.io.Serializable;

/**
 * A complex128 tensor on the host: index ids in memory order and planar values. This is what
 * crosses process boundaries (Spark partial sums) and what amplitudes are read from.
 */
public record HostTensor(int[] indices, double[] re, double[] im) implements Serializable {

  public HostTensor {
    if (re.length != im.length) throw new IllegalArgumentException("real and imaginary parts differ in length");
  }

  public int size() { return re.length; }
}
