package io.canopy.planner.pathfinders;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.RandomProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BisectionFinderTest {

  @Test
  void findsValidTreesOnRandomGraphsWithHyperedges() {
    for (int seed = 0; seed < 10; seed++) {
      ContractionProblem p = RandomProblems.regular(50 + 30 * seed, 3, 2, seed % 3, seed);
      if (seed % 2 == 1) p = RandomProblems.withHyperedges(p, 10, seed);
      SplittableRandom r = new SplittableRandom(seed);
      RandomProblems.assertValid(BisectionFinder.sample(r).find(p, r));
    }
  }

  @Test
  void handlesDisconnectedTensorsAndScalars() {
    ContractionProblem p = new ContractionProblem(new int[][] {{0, 1}, {1}, {2, 3}, {3}, {}, {4}, {}},
        new int[] {0, 2, 4}, new int[] {1, 1, 1, 1, 1});
    RandomProblems.assertValid(new BisectionFinder(0.1, 2, true).find(p, new SplittableRandom(0)));
  }

  @Test
  void rejectsATinyCutoff() {
    assertThrows(IllegalArgumentException.class, () -> new BisectionFinder(0.1, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new BisectionFinder(-0.1, 8, true));
  }
}
