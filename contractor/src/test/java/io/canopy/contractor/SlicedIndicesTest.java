package io.canopy.contractor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canopy.circuits.network.Tensor;
import org.junit.jupiter.api.Test;

class SlicedIndicesTest {
  /** Index 3 has size 2, index 7 size 4, the rest size 2. */
  private static final int[] LOG2 = {1, 1, 1, 1, 1, 1, 1, 2};

  @Test
  void sliceIdsAreMixedRadixWithTheLowestSlicedIndexSlowest() {
    SlicedIndices s = new SlicedIndices(new int[] {3, 7}, LOG2);
    int[] v = s.values(5);
    assertEquals(1, v[3]);
    assertEquals(1, v[7]);
    assertEquals(-1, v[0]);
    int[] last = s.values(7);
    assertEquals(1, last[3]);
    assertEquals(3, last[7]);
    assertEquals(0, s.values(3)[3]);
    assertEquals(3, s.values(3)[7]);
  }

  @Test
  void cuttingKeepsTheRemainingAxesInOrder() {
    // tensor over (7, 0, 3): value at (a, b, c) = 100 a + 10 b + c
    double[] re = new double[16];
    double[] im = new double[16];
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 2; c++) {
          re[a * 4 + b * 2 + c] = 100 * a + 10 * b + c;
          im[a * 4 + b * 2 + c] = -(100 * a + 10 * b + c);
        }
      }
    }
    SlicedIndices s = new SlicedIndices(new int[] {3, 7}, LOG2);
    SlicedIndices.SlicedTensor t = s.cut(new Tensor(new int[] {7, 0, 3}, re, im), s.values(6));
    // slice 6 fixes index 3 to 1 and index 7 to 2
    assertArrayEquals(new int[] {0}, t.indices());
    assertArrayEquals(new int[] {1}, t.log2Dims());
    assertArrayEquals(new double[] {201, 211}, t.re());
    assertArrayEquals(new double[] {-201, -211}, t.im());
  }
}
