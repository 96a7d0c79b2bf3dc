package io.canopy.cuda.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.contractor.Precision;
import io.canopy.cuda.ComplexProduct;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {
  /** A chain A[0,1] B[1,2] C[2,3] -> [0,3], every index of size 2, contracted left to right. */
  private static Plan chain() {
    ContractionProblem p = new ContractionProblem(new int[][] {{0, 1}, {1, 2}, {2, 3}}, new int[] {0, 3},
        new int[] {1, 1, 1, 1});
    return new Plan(ContractionTree.fromSsaPath(p, new int[][] {{0, 1}, {3, 2}}));
  }

  @Test
  void countsInputsIntermediatesScratchAndTheSliceSum() {
    // 12 input elements at 8 bytes, a 4-element fp32 sum, then the first step: a 4-element output
    // and 1.5 * (4 + 4 + 4) elements of 3M scratch
    MemoryPlan m = MemoryPlan.of(chain(), Precision.COMPLEX64, ComplexProduct.GAUSS_3M);
    assertEquals(96 + 32 + 8 * (4 + 18), m.bytes());
    assertEquals(m.bytes(), m.bytesWithFallback());
  }

  @Test
  void halfCountsTheComplex64RecomputationOfAStep() {
    MemoryPlan m = MemoryPlan.of(chain(), Precision.COMPLEX_HALF, ComplexProduct.GAUSS_3M);
    assertEquals(48 + 32 + 4 * (4 + 18), m.bytes());
    assertEquals(m.bytes() + 8 * (4 + 4 + 4 + 18), m.bytesWithFallback());
  }

  @Test
  void blockFormNeedsLessScratchForThisChain() {
    MemoryPlan block = MemoryPlan.of(chain(), Precision.COMPLEX64, ComplexProduct.BLOCK_4M);
    MemoryPlan gauss = MemoryPlan.of(chain(), Precision.COMPLEX64, ComplexProduct.GAUSS_3M);
    assertTrue(block.bytes() < gauss.bytes());
  }

  @Test
  void refusesComplex128() {
    assertThrows(IllegalArgumentException.class, () -> MemoryPlan.of(chain(), Precision.COMPLEX128, ComplexProduct.BLOCK_4M));
  }
}
