package io.canopy.planner;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a planner sees of a tensor network: for each input tensor its index ids, the output
 * indices, and the log2 size of every index. Nothing about values or quantum circuits.
 *
 * <p>Index ids run from 0 to {@code log2Size.length - 1}. Every index must appear in at least one
 * input; an index appearing in only one input and not in the output would be a trace, which the
 * networks Canopy builds never contain, so it is rejected.
 */
public final class ContractionProblem implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[][] inputs;
  private final int[] output;
  private final int[] log2Size;

  public ContractionProblem(int[][] inputs, int[] output, int[] log2Size) {
    this.inputs = new int[inputs.length][];
    for (int i = 0; i < inputs.length; i++) this.inputs[i] = inputs[i].clone();
    this.output = output.clone();
    this.log2Size = log2Size.clone();
    validate();
  }

  private void validate() {
    if (inputs.length == 0) throw new IllegalArgumentException("a contraction needs at least one input");
    int[] uses = new int[log2Size.length];
    for (int t = 0; t < inputs.length; t++) {
      for (int ix : inputs[t]) {
        checkIndex(ix, "input " + t);
        uses[ix]++;
      }
    }
    for (int ix : output) {
      checkIndex(ix, "the output");
      uses[ix]++;
    }
    for (int ix = 0; ix < uses.length; ix++) {
      if (log2Size[ix] < 0) throw new IllegalArgumentException("index " + ix + " has negative log2 size");
      if (uses[ix] == 1) {
        throw new IllegalArgumentException("index " + ix + " appears only once (a trace); not supported");
      }
    }
  }

  private void checkIndex(int ix, String where) {
    if (ix < 0 || ix >= log2Size.length) {
      throw new IllegalArgumentException(where + " uses index " + ix + " outside 0.." + (log2Size.length - 1));
    }
  }

  public int numInputs() { return inputs.length; }

  public int numIndices() { return log2Size.length; }

  public int[] input(int i) { return inputs[i].clone(); }

  public int[][] inputs() {
    int[][] copy = new int[inputs.length][];
    for (int i = 0; i < inputs.length; i++) copy[i] = inputs[i].clone();
    return copy;
  }

  public int[] output() { return output.clone(); }

  public int log2Size(int index) { return log2Size[index]; }

  public int[] log2Sizes() { return log2Size.clone(); }

  /**
   * SHA-256 of the structure (inputs in order, output, sizes), as hex. A plan records it and is
   * refused for any network whose hash differs.
   */
  public String hash() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(16);
      buf.putInt(inputs.length).putInt(output.length).putInt(log2Size.length);
      md.update(buf.array(), 0, 12);
      for (int[] in : inputs) updateInts(md, in);
      updateInts(md, output);
      updateInts(md, log2Size);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }

  private static void updateInts(MessageDigest md, int[] values) {
    ByteBuffer buf = ByteBuffer.allocate(4 * (values.length + 1));
    buf.putInt(values.length);
    for (int v : values) buf.putInt(v);
    md.update(buf.array());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ContractionProblem)) return false;
    ContractionProblem p = (ContractionProblem) o;
    return Arrays.deepEquals(inputs, p.inputs) && Arrays.equals(output, p.output)
        && Arrays.equals(log2Size, p.log2Size);
  }

  @Override
  public int hashCode() { return Arrays.deepHashCode(inputs) * 31 + Arrays.hashCode(output); }
}
