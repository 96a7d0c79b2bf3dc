package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cost model against hand-computed cases. */
class ContractionTreeCostTest {
  private static final double EPS = 1e-12;

  /** A(i,j) B(j,k) C(k,l) with |i|=2, |j|=4, |k|=8, |l|=16; open i and l. */
  private static ContractionProblem chain() {
    return new ContractionProblem(new int[][] {{0, 1}, {1, 2}, {2, 3}}, new int[] {0, 3}, new int[] {1, 2, 3, 4});
  }

  @Test
  void matrixChainLeftToRight() {
    // (AB): i*j*k = 64, then (AB)C: i*k*l = 256
    ContractionTree t = ContractionTree.fromSsaPath(chain(), new int[][] {{0, 1}, {3, 2}});
    assertEquals(Math.log10(64 + 256), t.log10Flops(), EPS);
    assertEquals(7, t.log2MaxSize()); // the input C(k,l) with 8 * 16 elements
  }

  @Test
  void matrixChainRightToLeft() {
    // (BC): j*k*l = 512, then A(BC): i*j*l = 128
    ContractionTree t = ContractionTree.fromSsaPath(chain(), new int[][] {{1, 2}, {0, 3}});
    assertEquals(Math.log10(512 + 128), t.log10Flops(), EPS);
    assertArrayEquals(new int[] {1, 3}, t.indices(3));
  }

  @Test
  void outerProductCostsTheProductOfSizes() {
    ContractionProblem p = new ContractionProblem(new int[][] {{0}, {1}}, new int[] {0, 1}, new int[] {3, 5});
    ContractionTree t = ContractionTree.fromSsaPath(p, new int[][] {{0, 1}});
    assertEquals(8, t.log2Flops(2));
    assertEquals(8, t.log2Size(2));
  }

  @Test
  void batchIndexIsKeptAndCountedOnce() {
    // A(i,b) B(b,j) -> (i,b,j): a Hadamard product over b, a matrix product over nothing
    ContractionProblem p = new ContractionProblem(new int[][] {{0, 1}, {1, 2}}, new int[] {0, 1, 2},
        new int[] {1, 2, 3});
    ContractionTree t = ContractionTree.fromSsaPath(p, new int[][] {{0, 1}});
    assertEquals(6, t.log2Flops(2));
    assertArrayEquals(new int[] {0, 1, 2}, t.indices(2));
  }

  @Test
  void slicingMultipliesPerSliceCostBySliceCount() {
    // slice j (|j|=4): per slice (AB) costs i*k = 16 and (AB)C costs i*k*l = 256
    ContractionTree t = ContractionTree.fromSsaPath(chain(), new int[][] {{0, 1}, {3, 2}}, new int[] {1});
    assertEquals(Math.log10(4 * (16 + 256)), t.log10Flops(), EPS);
    assertEquals(4.0, t.numSlices());
    PlanStats stats = PlanStats.of(t);
    assertEquals(Math.log10(320), stats.log10Flops(), EPS);
    assertEquals(4.0 * 272 / 320, stats.overhead(), EPS);
  }
}
