package io.canopy.contractor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AxisPermutationTest {

  @Test
  void everyElementLandsWhereTheTransposeSays() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 40; trial++) {
      int rank = rnd.nextInt(trial < 30 ? 8 : 22);
      long[] shape = new long[rank];
      int bits = 0;
      for (int a = 0; a < rank; a++) {
        int b = trial < 30 ? rnd.nextInt(4) : (bits < 20 ? 1 : 0);
        if (trial % 7 == 0 && a == 0) b = 7;
        shape[a] = 1L << b;
        bits += b;
      }
      int[] perm = randomPermutation(rank, rnd);
      int n = 1 << bits;
      DoubleBuffer src = DoubleBuffer.allocate(n);
      for (int i = 0; i < n; i++) src.put(i, i);
      DoubleBuffer dst = ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
      AxisPermutation.of(shape, perm).apply(src, dst);
      FloatBuffer fsrc = FloatBuffer.allocate(n);
      for (int i = 0; i < n; i++) fsrc.put(i, i);
      FloatBuffer fdst = FloatBuffer.allocate(n);
      AxisPermutation.of(shape, perm).apply(fsrc, fdst);
      long[] srcStride = new long[rank];
      long s = 1;
      for (int a = rank - 1; a >= 0; a--) {
        srcStride[a] = s;
        s *= shape[a];
      }
      // walk the target in order and compute each element's source offset by hand
      long[] digit = new long[rank];
      for (int e = 0; e < n; e++) {
        long off = 0;
        for (int i = 0; i < rank; i++) off += digit[i] * srcStride[perm[i]];
        assertEquals(off, (long) dst.get(e), "trial " + trial + " element " + e);
        assertEquals(off, (long) fdst.get(e), "trial " + trial + " element " + e + " (float)");
        for (int i = rank - 1; i >= 0; i--) {
          if (++digit[i] < shape[perm[i]]) break;
          digit[i] = 0;
        }
      }
    }
  }

  private static int[] randomPermutation(int rank, Random rnd) {
    List<Integer> p = new ArrayList<>();
    for (int i = 0; i < rank; i++) p.add(i);
    Collections.shuffle(p, rnd);
    return p.stream().mapToInt(Integer::intValue).toArray();
  }
}
