package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.pathfinders.GreedyFinder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlicerTest {

  private static ContractionTree greedy(ContractionProblem p, long seed) {
    return new GreedyFinder(1, 0.1).find(p, new SplittableRandom(seed));
  }

  @Test
  void reachesTheTargetWithAValidTree() {
    for (int seed = 0; seed < 10; seed++) {
      ContractionProblem p = RandomProblems.regular(80, 3, 2, 2, seed);
      ContractionTree unsliced = greedy(p, seed);
      int target = Math.max(4, unsliced.log2MaxSize() - 6);
      ContractionTree sliced = Slicer.slice(unsliced, target);
      RandomProblems.assertValid(sliced);
      assertTrue(sliced.log2MaxSize() <= target, "largest " + sliced.log2MaxSize() + " > " + target);
      assertTrue(sliced.sliced().length > 0);
      assertTrue(sliced.log10Flops() >= unsliced.log10Flops() - 1e-9, "slicing never lowers total cost");
      assertEquals(unsliced.log10Flops(), PlanStats.of(sliced).log10Flops(), 1e-9);
    }
  }

  @Test
  void leavesATreeThatAlreadyFitsUnsliced() {
    ContractionProblem p = RandomProblems.regular(30, 3, 1, 0, 1);
    ContractionTree t = greedy(p, 1);
    assertEquals(0, Slicer.slice(t, t.log2MaxSize()).sliced().length);
  }

  @Test
  void slicesTheIndexThatAddsLeastWork() {
    // chain A(i,j) B(j,k) C(k,l), |k| = 4 and the others 2, path (AB)C, open i and l.
    // B, C and AB have 8 elements. Per slice: AB costs i*j*k = 16 and (AB)C i*k*l = 16.
    // Slicing j: 2 * 16 + 16 = 48 and C still has 8 elements; slicing k: 4 * 0 + 32 = 32, done.
    ContractionProblem p = new ContractionProblem(new int[][] {{0, 1}, {1, 2}, {2, 3}}, new int[] {0, 3},
        new int[] {1, 1, 2, 1});
    ContractionTree t = ContractionTree.fromSsaPath(p, new int[][] {{0, 1}, {3, 2}});
    ContractionTree s = Slicer.slice(t, 2);
    assertArrayEquals(new int[] {2}, s.sliced());
    assertEquals(Math.log10(32), s.log10Flops(), 1e-12);
    assertEquals(0, Slicer.slice(t, 3).sliced().length);
  }

  @Test
  void rejectsNegativeAndUnreachableTargets() {
    ContractionProblem p = RandomProblems.regular(30, 3, 1, 5, 1);
    ContractionTree t = greedy(p, 1);
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> Slicer.slice(t, -1));
    assertTrue(neg.getMessage().contains("negative"));
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> Slicer.slice(t, 4));
    assertTrue(small.getMessage().contains("unreachable"), small.getMessage());
  }
}
