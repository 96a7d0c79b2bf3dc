package io.canopy.cuda.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairLayoutTest {
  private static PairLayout.Operand op(int[] idx, int[] log2) { return new PairLayout.Operand(idx, log2); }

  @Test
  void classifiesBatchContractedAndFreeIndices() {
    PairLayout l = PairLayout.of(op(new int[] {5, 1, 2, 3}, new int[] {1, 2, 1, 3}),
        op(new int[] {3, 4, 5, 1}, new int[] {3, 1, 1, 2}), new int[] {2, 5, 4});
    assertArrayEquals(new int[] {5}, l.batch());
    assertArrayEquals(new int[] {1, 3}, l.contracted());
    assertArrayEquals(new int[] {2}, l.freeA());
    assertArrayEquals(new int[] {4}, l.freeB());
    assertEquals(1, l.log2Batch());
    assertEquals(5, l.log2Contracted());
    assertEquals(1 + 5 + 1 + 1, l.log2MultiplyAdds());
  }

  @Test
  void rejectsATrace() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PairLayout.of(op(new int[] {1, 2}, new int[] {1, 1}), op(new int[] {2}, new int[] {1}), new int[] {}));
    assertTrue(e.getMessage().contains("trace"), e.getMessage());
  }

  @Test
  void rejectsMismatchedSizes() {
    assertThrows(IllegalArgumentException.class,
        () -> PairLayout.of(op(new int[] {1}, new int[] {1}), op(new int[] {1}, new int[] {2}), new int[] {}));
  }

  @Test
  void ordersASubsetByAnotherOrder() {
    assertArrayEquals(new int[] {7, 3}, PairLayout.inOrderOf(new int[] {3, 7}, new int[] {9, 7, 1, 3}));
  }
}
