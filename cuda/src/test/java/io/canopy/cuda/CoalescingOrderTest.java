package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CoalescingOrderTest {
  private static CudaTensor tensor(int... indices) {
    int[] dims = new int[indices.length];
    java.util.Arrays.fill(dims, 1);
    return new CudaTensor(null, indices, dims, null, DType.F16);
  }

  @Test
  void fastestOfTheFirstOperandThenOfTheSecondThenTheRest() {
    // a stores 0..9 with 9 fastest; b stores them reversed with 0 fastest; 10 is a free index of a
    CudaTensor a = tensor(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 9);
    CudaTensor b = tensor(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    int[] contracted = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    // a's fastest four contracted: 6 7 8 9 (10 is free); b's fastest four not taken: 3 2 1 0
    assertArrayEquals(new int[] {4, 5, 3, 2, 1, 0, 6, 7, 8, 9}, ComplexGemm.coalescingOrder(contracted, a, b));
  }

  @Test
  void fewContractedIndicesAllGoToTheFirstOperandsRun() {
    CudaTensor a = tensor(5, 1, 2);
    CudaTensor b = tensor(2, 1, 7);
    assertArrayEquals(new int[] {1, 2}, ComplexGemm.coalescingOrder(new int[] {1, 2}, a, b));
  }
}
