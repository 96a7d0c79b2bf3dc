package io.canopy.contractor;

/**
 * A tensor living on a backend (host memory for the CPU backend, device memory for CUDA). It
 * records its index ids in memory order (row-major, first index slowest) so that a backend may
 * return contraction results in whatever order saves a permutation, and the executor still knows
 * what it holds.
 */
public abstract class DeviceTensor {
  private final int[] indices;
  private final int[] log2Dims;

  protected DeviceTensor(int[] indices, int[] log2Dims) {
    if (indices.length != log2Dims.length) {
      throw new IllegalArgumentException("indices and dims differ in rank");
    }
    this.indices = indices.clone();
    this.log2Dims = log2Dims.clone();
  }

  /** Index ids in memory order. */
  public final int[] indices() { return indices.clone(); }

  /** log2 sizes of the axes, parallel to {@link #indices()}. */
  public final int[] log2Dims() { return log2Dims.clone(); }

  public final int rank() { return indices.length; }

  /** Number of complex elements. */
  public final long size() {
    int s = 0;
    for (int d : log2Dims) s += d;
    return 1L << s;
  }
}
