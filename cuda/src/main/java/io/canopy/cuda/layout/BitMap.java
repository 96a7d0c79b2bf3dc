package io.canopy.cuda.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A change of index order as a permutation of offset bits. Every index has a power-of-two size, so
 * a tensor's linear offset is the concatenation of its axes' bits (first axis most significant),
 * and reordering axes moves runs of bits. A map is a list of segments: bits {@code [out, out+len)}
 * of a position in the target order sit at bits {@code [in, in+len)} of the stored offset.
 *
 * <p>The kernels read tensors through such a map ({@code struct BitMap} in canopy_kernels.cu), so
 * any layout change folds into the kernel that consumes the tensor.
 */
public final class BitMap {
  /** Capacity of the kernel's struct; adjacent axes that stay adjacent share a segment. */
  public static final int MAX_SEGMENTS = 40;

  private final int[] outShift;
  private final int[] inShift;
  private final int[] length;

  private BitMap(int[] outShift, int[] inShift, int[] length) {
    this.outShift = outShift;
    this.inShift = inShift;
    this.length = length;
  }

  /**
   * The map from positions in {@code target} order to offsets of a tensor stored in
   * {@code stored} order.
   *
   * @param stored index ids in memory order, first slowest
   * @param log2Dims log2 size of each stored axis
   * @param target the same index ids in the wanted order
   */
  public static BitMap gather(int[] stored, int[] log2Dims, int[] target) {
    if (stored.length != target.length) {
      throw new IllegalArgumentException("target order has " + target.length + " indices, tensor has " + stored.length);
    }
    int[] storedShift = new int[stored.length];
    int shift = 0;
    for (int a = stored.length - 1; a >= 0; a--) {
      storedShift[a] = shift;
      shift += log2Dims[a];
    }
    List<int[]> segments = new ArrayList<>();
    int out = 0;
    for (int t = target.length - 1; t >= 0; t--) {
      int axis = axisOf(stored, target[t]);
      int len = log2Dims[axis];
      if (len == 0) continue;
      int in = storedShift[axis];
      int[] last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
      if (last != null && last[0] + last[2] == out && last[1] + last[2] == in) {
        last[2] += len;
      } else {
        segments.add(new int[] {out, in, len});
      }
      out += len;
    }
    if (segments.size() > MAX_SEGMENTS) {
      throw new IllegalArgumentException("layout change needs " + segments.size()
          + " bit segments; the kernels take at most " + MAX_SEGMENTS);
    }
    int n = segments.size();
    int[] o = new int[n];
    int[] i = new int[n];
    int[] l = new int[n];
    for (int s = 0; s < n; s++) {
      o[s] = segments.get(s)[0];
      i[s] = segments.get(s)[1];
      l[s] = segments.get(s)[2];
    }
    return new BitMap(o, i, l);
  }

  private static int axisOf(int[] stored, int index) {
    for (int a = 0; a < stored.length; a++) if (stored[a] == index) return a;
    throw new IllegalArgumentException("index " + index + " is not an index of the tensor");
  }

  public int segments() { return outShift.length; }

  /** Bits of a position: log2 of the tensor's element count. */
  public int bits() {
    int b = 0;
    for (int len : length) b += len;
    return b;
  }

  /** The stored-offset bit that bit {@code outputBit} of a target-order position lands on. */
  public int inputBit(int outputBit) {
    for (int s = 0; s < outShift.length; s++) {
      if (outputBit >= outShift[s] && outputBit < outShift[s] + length[s]) return inShift[s] + outputBit - outShift[s];
    }
    throw new IllegalArgumentException("bit " + outputBit + " is outside a position of " + bits() + " bits");
  }

  /** The stored offset of a target-order position; what the kernels compute per element. */
  public long offset(long position) {
    long off = 0;
    for (int s = 0; s < outShift.length; s++) {
      long bits = (position >>> outShift[s]) & ((1L << length[s]) - 1);
      off |= bits << inShift[s];
    }
    return off;
  }

  /** The kernel parameter: {@code struct BitMap { int count; int out[40]; int in[40]; int len[40]; }}. */
  public byte[] toKernelParam() {
    ByteBuffer b = ByteBuffer.allocate(4 * (1 + 3 * MAX_SEGMENTS)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(outShift.length);
    putPadded(b, outShift);
    putPadded(b, inShift);
    putPadded(b, length);
    return b.array();
  }

  private static void putPadded(ByteBuffer b, int[] values) {
    for (int s = 0; s < MAX_SEGMENTS; s++) b.putInt(s < values.length ? values[s] : 0);
  }
}
