package io.canopy.contractor.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A permutation of a C-order tensor's axes compiled into a blocked copy between flat buffers.
 *
 * <p>ND4J 1.0.0-M2.1 aborts the JVM ("stack smashing detected") when it copies a strided view
 * of rank 16 or more, and the tensors of circuit networks have rank 20 to 30 (every index has size
 * 2), so the CPU backend permutes with this instead. Axes of size 1 are dropped and axes that stay
 * adjacent are fused first; then the copy runs over blocks spanning both the innermost target axes
 * (contiguous writes) and the innermost source axes (contiguous reads), with precomputed offset
 * tables inside a block and an odometer over the blocks, which the cores share.
 */
final class AxisPermutation {
  /** Elements a block should reach at least, so that per-block work is amortized. */
  private static final int MIN_BLOCK = 1 << 10;
  /** Contiguous run wanted on each side (reads and writes) within a block. */
  private static final int MIN_RUN = 1 << 5;
  /** Copies at least this long are split among the cores. */
  private static final long PARALLEL_ELEMENTS = 1 << 16;

  private final int[] blockSrc;
  private final int[] blockDst;
  private final int[] outerDims;
  private final long[] outerSrcStride;
  private final long[] outerDstStride;
  private final int numBlocks;

  private AxisPermutation(int[] blockSrc, int[] blockDst, int[] outerDims, long[] outerSrcStride, long[] outerDstStride) {
    this.blockSrc = blockSrc;
    this.blockDst = blockDst;
    this.outerDims = outerDims;
    this.outerSrcStride = outerSrcStride;
    this.outerDstStride = outerDstStride;
    int n = 1;
    for (int d : outerDims) n *= d;
    this.numBlocks = n;
  }

  /**
   * @param shape source axis lengths
   * @param perm axis i of the result is axis {@code perm[i]} of the source
   */
  static AxisPermutation of(long[] shape, int[] perm) {
    // fused target axes: lengths and the source stride of each
    List<long[]> axes = fuse(shape, perm);
    int r = axes.size();
    long[] dims = new long[r];
    long[] srcStride = new long[r];
    for (int i = 0; i < r; i++) {
      dims[i] = axes.get(i)[0];
      srcStride[i] = axes.get(i)[1];
    }
    long[] dstStride = new long[r];
    long s = 1;
    for (int i = r - 1; i >= 0; i--) {
      dstStride[i] = s;
      s *= dims[i];
    }
    boolean[] inner = new boolean[r];
    long size = 1;
    for (int i = r - 1; i >= 0 && size < MIN_RUN; i--) {
      inner[i] = true;
      size *= dims[i];
    }
    // the source's innermost axes, by increasing source stride
    Integer[] bySrcStride = new Integer[r];
    for (int i = 0; i < r; i++) bySrcStride[i] = i;
    Arrays.sort(bySrcStride, (a, b) -> Long.compare(srcStride[a], srcStride[b]));
    long run = 1;
    for (int k = 0; k < r && run < MIN_RUN; k++) {
      int ax = bySrcStride[k];
      run *= dims[ax];
      if (!inner[ax]) {
        inner[ax] = true;
        size *= dims[ax];
      }
    }
    for (int i = r - 1; i >= 0 && size < MIN_BLOCK; i--) {
      if (!inner[i]) {
        inner[i] = true;
        size *= dims[i];
      }
    }
    int[] blockSrc = new int[(int) size];
    int[] blockDst = new int[(int) size];
    fillOffsets(dims, srcStride, dstStride, inner, blockSrc, blockDst);
    int outer = 0;
    for (boolean b : inner) if (!b) outer++;
    int[] outerDims = new int[outer];
    long[] outerSrc = new long[outer];
    long[] outerDst = new long[outer];
    for (int i = 0, j = 0; i < r; i++) {
      if (inner[i]) continue;
      outerDims[j] = (int) dims[i];
      outerSrc[j] = srcStride[i];
      outerDst[j++] = dstStride[i];
    }
    return new AxisPermutation(blockSrc, blockDst, outerDims, outerSrc, outerDst);
  }

  /**
   * Target axes as {length, source stride}: size-1 axes dropped, runs adjacent in both layouts
   * fused, and long axes split in two.
   */
  private static List<long[]> fuse(long[] shape, int[] perm) {
    long[] stride = new long[shape.length];
    long s = 1;
    for (int a = shape.length - 1; a >= 0; a--) {
      stride[a] = s;
      s *= shape[a];
    }
    List<long[]> axes = new ArrayList<>();
    for (int p : perm) {
      if (shape[p] == 1) continue;
      long[] last = axes.isEmpty() ? null : axes.get(axes.size() - 1);
      if (last != null && last[1] == stride[p] * shape[p]) {
        last[0] *= shape[p];
        last[1] = stride[p];
      } else {
        axes.add(new long[] {shape[p], stride[p]});
      }
    }
    // split long axes so that a block can take a short run of each instead of a whole axis
    List<long[]> split = new ArrayList<>();
    for (long[] ax : axes) {
      if (ax[0] > MIN_RUN && ax[0] % MIN_RUN == 0) {
        split.add(new long[] {ax[0] / MIN_RUN, ax[1] * MIN_RUN});
        split.add(new long[] {MIN_RUN, ax[1]});
      } else {
        split.add(ax);
      }
    }
    return split;
  }

  /** Offsets of every element of a block, the block's axes walked in target order. */
  private static void fillOffsets(long[] dims, long[] srcStride, long[] dstStride, boolean[] inner, int[] src, int[] dst) {
    int r = dims.length;
    long[] digit = new long[r];
    long so = 0;
    long d0 = 0;
    for (int e = 0; e < src.length; e++) {
      src[e] = (int) so;
      dst[e] = (int) d0;
      for (int i = r - 1; i >= 0; i--) {
        if (!inner[i]) continue;
        so += srcStride[i];
        d0 += dstStride[i];
        if (++digit[i] < dims[i]) break;
        so -= srcStride[i] * dims[i];
        d0 -= dstStride[i] * dims[i];
        digit[i] = 0;
      }
    }
  }

  void apply(DoubleBuffer src, DoubleBuffer dst) {
    blocks().forEach(b -> {
      long[] base = base(b);
      int sb = (int) base[0];
      int db = (int) base[1];
      for (int e = 0; e < blockSrc.length; e++) dst.put(db + blockDst[e], src.get(sb + blockSrc[e]));
    });
  }

  void apply(FloatBuffer src, FloatBuffer dst) {
    blocks().forEach(b -> {
      long[] base = base(b);
      int sb = (int) base[0];
      int db = (int) base[1];
      for (int e = 0; e < blockSrc.length; e++) dst.put(db + blockDst[e], src.get(sb + blockSrc[e]));
    });
  }

  /** The block numbers, shared among the cores when the copy is big enough to repay the hand-off. */
  private IntStream blocks() {
    IntStream all = IntStream.range(0, numBlocks);
    return (long) numBlocks * blockSrc.length >= PARALLEL_ELEMENTS ? all.parallel() : all;
  }

  /** Source and target offsets of block {@code b}, its outer digits decoded last-fastest. */
  private long[] base(int b) {
    long s = 0;
    long d = 0;
    int rest = b;
    for (int i = outerDims.length - 1; i >= 0; i--) {
      int digit = rest % outerDims[i];
      rest /= outerDims[i];
      s += digit * outerSrcStride[i];
      d += digit * outerDstStride[i];
    }
    return new long[] {s, d};
  }
}
