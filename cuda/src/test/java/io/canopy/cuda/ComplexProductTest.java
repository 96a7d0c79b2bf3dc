package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ComplexProductTest {
  @Test
  void mixedChoosesByTheContractedDimension() {
    assertEquals(ComplexProduct.BLOCK_4M, ComplexProduct.MIXED.forStep(ComplexProduct.MIXED_MAX_LOG2_CONTRACTED_4M, false));
    assertEquals(ComplexProduct.GAUSS_3M, ComplexProduct.MIXED.forStep(ComplexProduct.MIXED_MAX_LOG2_CONTRACTED_4M + 1, false));
    assertEquals(8, ComplexProduct.MIXED.realFlopsPerMultiplyAdd(2));
    assertEquals(6, ComplexProduct.MIXED.realFlopsPerMultiplyAdd(20));
  }

  @Test
  void batchIndicesAlwaysGoToGauss() {
    assertEquals(ComplexProduct.GAUSS_3M, ComplexProduct.BLOCK_4M.forStep(2, true));
    assertEquals(ComplexProduct.GAUSS_3M, ComplexProduct.MIXED.forStep(2, true));
  }

  @Test
  void workspaceFollowsTheChosenProduct() {
    // a 2^20 x 2^4 -> 2^20 step contracts 2^2 elements: 4M scratch, larger operand plus twice the smaller
    assertEquals(Math.pow(2, 20) + 2 * Math.pow(2, 4), ComplexProduct.MIXED.workspaceElements(20, 4, 20, false));
    // a 2^20 x 2^20 -> 2^8 step contracts 2^16: 3M scratch
    assertEquals(1.5 * (2 * Math.pow(2, 20) + Math.pow(2, 8)), ComplexProduct.MIXED.workspaceElements(20, 20, 8, false));
  }

  @Test
  void parsesLabels() {
    assertEquals(ComplexProduct.MIXED, ComplexProduct.parse("Mixed"));
    assertEquals(ComplexProduct.BLOCK_4M, ComplexProduct.parse("4m"));
    assertThrows(IllegalArgumentException.class, () -> ComplexProduct.parse("5m"));
  }
}
