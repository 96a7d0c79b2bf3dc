package io.canopy.circuits.network;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A closed or open tensor network: tensors over integer index ids {@code 0..numIndices-1}, the
 * log2 size of every index, and the output (open) indices in the order the result is laid out.
 *
 * <p>Every index appears in exactly two tensors, or in one tensor and the output; this is what the
 * contraction tree assumes and {@link #validate()} checks. Two networks with the same structure
 * (indices, sizes, output) but different values share contraction plans: that is how one plan
 * serves every bitstring of a batch.
 */
public final class TensorNetwork implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Tensor> tensors;
  private final int[] log2Size;
  private final int[] output;

  public TensorNetwork(List<Tensor> tensors, int[] log2Size, int[] output) {
    this.tensors = Collections.unmodifiableList(new ArrayList<>(tensors));
    this.log2Size = log2Size.clone();
    this.output = output.clone();
  }

  public List<Tensor> tensors() { return tensors; }

  public Tensor tensor(int i) { return tensors.get(i); }

  public int numTensors() { return tensors.size(); }

  public int numIndices() { return log2Size.length; }

  public int log2Size(int index) { return log2Size[index]; }

  public int[] log2Sizes() { return log2Size.clone(); }

  public int[] output() { return output.clone(); }

  /** The index lists of all tensors, in tensor order: the structure a planner needs. */
  public int[][] inputs() {
    int[][] in = new int[tensors.size()][];
    for (int i = 0; i < in.length; i++) in[i] = tensors.get(i).indices();
    return in;
  }

  /**
   * Checks that value arrays match the index sizes and that every index is shared by exactly two
   * places (two tensors, or one tensor and the output).
   *
   * @throws IllegalStateException naming the first violation
   */
  public void validate() {
    int[] uses = new int[log2Size.length];
    for (int t = 0; t < tensors.size(); t++) {
      Tensor x = tensors.get(t);
      long expected = 1;
      for (int ix : x.indices()) {
        if (ix < 0 || ix >= log2Size.length) {
          throw new IllegalStateException("tensor " + t + " uses unknown index " + ix);
        }
        uses[ix]++;
        expected <<= log2Size[ix];
      }
      if (x.size() != expected) {
        throw new IllegalStateException("tensor " + t + " has " + x.size()
            + " values but its indices need " + expected);
      }
    }
    for (int ix : output) uses[ix]++;
    for (int ix = 0; ix < uses.length; ix++) {
      if (uses[ix] != 2) {
        throw new IllegalStateException("index " + ix + " appears " + uses[ix]
            + " times; every index must appear exactly twice (tensors and output)");
      }
    }
  }
}
