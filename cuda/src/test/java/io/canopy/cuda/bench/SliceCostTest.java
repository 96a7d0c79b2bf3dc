package io.canopy.cuda.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canopy.cuda.ComplexProduct;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import org.junit.jupiter.api.Test;

class SliceCostTest {
  /**
   * A[0,1] B[1,2] C[2,3] D[3,4] -> [0,4], indices of log2 size 2, contracted ((A B) (C D)),
   * index 3 sliced: (A B) does not depend on the slice, (C D) and the root do.
   */
  private static ContractionTree tree() {
    ContractionProblem p = new ContractionProblem(new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 4}}, new int[] {0, 4},
        new int[] {2, 2, 2, 2, 2});
    return ContractionTree.fromSsaPath(p, new int[][] {{0, 1}, {2, 3}, {4, 5}}, new int[] {3});
  }

  @Test
  void amortizesSliceInvariantWorkOverTheRange() {
    // per slice: (A B) 2^6, (C D) over 2,4 (3 sliced) 2^4, root over 0,2,4 2^6
    SliceCost cost = SliceCost.of(tree(), 4, ComplexProduct.GAUSS_3M);
    assertEquals(64 + 16 + 64, cost.multiplyAdds());
    assertEquals(16 + 64 + 64 / 4.0, cost.executedMultiplyAdds());
    // moved: (A B) 16+16+16 once; (C D) 4+4+16; root 16+16+16
    assertEquals(24 + 48 + 48 / 4.0, cost.executedElementsMoved());
    assertEquals(6 * cost.executedMultiplyAdds(), cost.executedRealFlops());
  }

  @Test
  void mixedRunsShortContractionsAsFourM() {
    // every contracted dimension here is at most 2^2: 8 real flops per multiply-add
    SliceCost cost = SliceCost.of(tree(), 4, ComplexProduct.MIXED);
    assertEquals(8 * cost.executedMultiplyAdds(), cost.executedRealFlops());
  }

  @Test
  void floorIsTheSlowerOfComputeAndMemory() {
    SliceCost cost = new SliceCost(100, 100, 50, 800);
    assertEquals(800 / 1e3, cost.floorSeconds(1e3, 1e6, 8));
    assertEquals(50 * 8 / 10.0, cost.floorSeconds(1e9, 10, 8));
  }

  @Test
  void residentElementsAreTheInvariantSubtreeRoots() {
    assertEquals(16, SliceCost.residentElements(tree()));
  }
}
