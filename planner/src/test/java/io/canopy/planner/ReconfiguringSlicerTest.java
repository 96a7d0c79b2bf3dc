package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.pathfinders.GreedyFinder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconfiguringSlicerTest {

  @Test
  void reachesTheTargetWithAValidTree() {
    for (int seed = 0; seed < 5; seed++) {
      ContractionProblem p = RandomProblems.regular(70, 3, 2, 1, seed);
      ContractionTree t = new GreedyFinder(1, 0.5).find(p, new SplittableRandom(seed));
      int target = Math.max(3, t.log2MaxSize() - 8);
      ContractionTree s = new ReconfiguringSlicer(6, 2, 0).slice(t, target);
      RandomProblems.assertValid(s);
      assertTrue(s.log2MaxSize() <= target, s.log2MaxSize() + " > " + target);
    }
  }

  @Test
  void rejectsNegativeTargetsAndSteps() {
    ContractionProblem p = RandomProblems.regular(20, 3, 1, 0, 1);
    ContractionTree t = new GreedyFinder(1, 0).find(p, new SplittableRandom(1));
    assertThrows(IllegalArgumentException.class, () -> new ReconfiguringSlicer(6, 2, 0).slice(t, -2));
    assertThrows(IllegalArgumentException.class, () -> new ReconfiguringSlicer(6, 0, 0));
  }
}
