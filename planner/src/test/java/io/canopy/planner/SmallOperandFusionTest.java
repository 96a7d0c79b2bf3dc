package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SmallOperandFusionTest {
  /**
   * A state over qubit indices 0..15 (size 2 each) and three gates applied one after another:
   * g1 on (0, 1) -> (16, 17), g2 on (2, 3) -> (18, 19), g3 on (16, 18) -> (20, 21).
   */
  private static ContractionProblem gatesOnAState() {
    int[] state = IntStream.range(0, 16).toArray();
    int[][] inputs = {state, {16, 17, 0, 1}, {18, 19, 2, 3}, {20, 21, 16, 18}};
    int[] output = IntStream.concat(IntStream.of(20, 17, 21, 19), IntStream.range(4, 16)).toArray();
    int[] sizes = new int[22];
    Arrays.fill(sizes, 1);
    return new ContractionProblem(inputs, output, sizes);
  }

  /** The gates applied one at a time: ((state . g1) . g2) . g3. */
  private static ContractionTree oneAtATime(ContractionProblem p) {
    return ContractionTree.fromSsaPath(p, new int[][] {{0, 1}, {4, 2}, {5, 3}});
  }

  private static int largeSteps(ContractionTree t, int minLargeLog2) {
    int count = 0;
    for (int v = t.numInputs(); v < t.numNodes(); v++) if (t.log2Size(v) >= minLargeLog2) count++;
    return count;
  }

  @Test
  void aRunOfGatesBecomesOnePassOverTheState() {
    ContractionTree tree = oneAtATime(gatesOnAState());
    assertEquals(3, largeSteps(tree, 10));
    SmallOperandFusion.Result r = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(8, 6, 10));
    ContractionTree fused = r.tree();
    assertEquals(2, r.fused());
    assertEquals(1, largeSteps(fused, 10));
    // the same network, the same result indices; more multiply-adds, fewer elements written
    assertArrayEquals(tree.indices(tree.root()), fused.indices(fused.root()));
    assertTrue(fused.flopsPerSlice() > tree.flopsPerSlice());
    assertTrue(fused.writesPerSlice() < tree.writesPerSlice());
    // the one large step: the state times the three gates' product, 2^4 contracted elements
    int root = fused.root();
    int small = fused.log2Size(fused.left(root)) < fused.log2Size(fused.right(root)) ? fused.left(root) : fused.right(root);
    assertEquals(8, fused.log2Size(small));
    assertEquals(16 + 4, fused.log2Flops(root));
  }

  @Test
  void limitsStopTheFusion() {
    ContractionTree tree = oneAtATime(gatesOnAState());
    // g1 . g2 would contract 2^4 elements with the state, above a limit of 2^3; g3 still fuses
    // into g2's step (2^3 contracted: g2's two qubits and g1's output 16 that g3 also acts on)
    SmallOperandFusion.Result r = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(8, 3, 10));
    assertEquals(1, r.fused());
    for (int v = r.tree().numInputs(); v < r.tree().numNodes(); v++) {
      assertTrue(r.tree().log2Flops(v) - Math.max(r.tree().log2Size(v), 0) <= 3 || r.tree().log2Size(v) < 10);
    }
    // nothing is large enough
    SmallOperandFusion.Result none = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(8, 6, 20));
    assertEquals(0, none.fused());
    assertSame(tree, none.tree());
  }

  @Test
  void slicedIndicesStaySliced() {
    ContractionTree tree = oneAtATime(gatesOnAState()).withSliced(new int[] {7});
    ContractionTree fused = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(8, 6, 9)).tree();
    assertArrayEquals(new int[] {7}, fused.sliced());
    assertEquals(tree.log2NumSlices(), fused.log2NumSlices());
  }

  @Test
  void rejectsInconsistentLimits() {
    assertThrows(IllegalArgumentException.class, () -> new SmallOperandFusion.Limits(11, 6, 11));
    assertThrows(IllegalArgumentException.class, () -> new SmallOperandFusion.Limits(11, -1, 20));
    assertThrows(IllegalArgumentException.class, () -> new SmallOperandFusion.Limits(-1, 6, 20));
  }
}
