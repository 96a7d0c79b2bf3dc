package io.canopy.cuda.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitMapTest {

  /** Offset of a multi-index in a row-major tensor with the given axis sizes. */
  private static long rowMajor(int[] coords, int[] log2Dims) {
    long off = 0;
    for (int a = 0; a < coords.length; a++) off = (off << log2Dims[a]) | coords[a];
    return off;
  }

  @Test
  void mapsEveryPositionToTheStoredOffsetOfTheSameElement() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int rank = 1 + rnd.nextInt(6);
      int[] stored = new int[rank];
      int[] log2 = new int[rank];
      for (int a = 0; a < rank; a++) {
        stored[a] = 10 + a * 3;
        log2[a] = rnd.nextInt(3);
      }
      int[] target = stored.clone();
      for (int i = rank - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = target[i];
        target[i] = target[j];
        target[j] = t;
      }
      int[] targetLog2 = new int[rank];
      for (int i = 0; i < rank; i++) for (int a = 0; a < rank; a++) if (stored[a] == target[i]) targetLog2[i] = log2[a];
      BitMap map = BitMap.gather(stored, log2, target);
      int total = 0;
      for (int l : log2) total += l;
      for (long pos = 0; pos < 1L << total; pos++) {
        // decode pos as coordinates in target order, re-encode in stored order
        int[] coordsTarget = new int[rank];
        long p = pos;
        for (int i = rank - 1; i >= 0; i--) {
          coordsTarget[i] = (int) (p & ((1 << targetLog2[i]) - 1));
          p >>= targetLog2[i];
        }
        int[] coordsStored = new int[rank];
        for (int i = 0; i < rank; i++) for (int a = 0; a < rank; a++) if (stored[a] == target[i]) coordsStored[a] = coordsTarget[i];
        assertEquals(rowMajor(coordsStored, log2), map.offset(pos));
      }
    }
  }

  @Test
  void sameOrderIsOneSegmentMappingEachPositionToItself() {
    BitMap map = BitMap.gather(new int[] {4, 2, 9}, new int[] {1, 3, 2}, new int[] {4, 2, 9});
    assertEquals(1, map.segments());
    for (long pos = 0; pos < 64; pos++) assertEquals(pos, map.offset(pos));
  }

  @Test
  void reversedAxesSwapBits() {
    BitMap map = BitMap.gather(new int[] {1, 2}, new int[] {1, 1}, new int[] {2, 1});
    assertEquals(2, map.segments());
    assertEquals(2, map.offset(1));
    assertEquals(1, map.offset(2));
  }

  @Test
  void kernelParameterHasTheStructLayout() {
    BitMap map = BitMap.gather(new int[] {1, 2}, new int[] {1, 1}, new int[] {2, 1});
    byte[] p = map.toKernelParam();
    assertEquals(4 * (1 + 3 * BitMap.MAX_SEGMENTS), p.length);
    assertEquals(2, p[0]);
  }

  @Test
  void rejectsAForeignIndex() {
    assertThrows(IllegalArgumentException.class, () -> BitMap.gather(new int[] {1, 2}, new int[] {1, 1}, new int[] {1, 3}));
  }
}
