package io.canopy.planner.pathfinders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.RandomProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GreedyFinderTest {

  @Test
  void findsValidTreesOnRandomRegularGraphs() {
    for (int seed = 0; seed < 20; seed++) {
      ContractionProblem p = RandomProblems.regular(20 + 7 * seed, 3 + seed % 3, 2, seed % 4, seed);
      ContractionTree t = GreedyFinder.sample(new SplittableRandom(seed)).find(p, new SplittableRandom(seed));
      RandomProblems.assertValid(t);
    }
  }

  @Test
  void handlesHyperedges() {
    ContractionProblem p = RandomProblems.withHyperedges(RandomProblems.regular(60, 3, 2, 2, 5), 15, 6);
    RandomProblems.assertValid(new GreedyFinder(1, 0.1).find(p, new SplittableRandom(1)));
  }

  @Test
  void contractsDisconnectedComponentsAndScalars() {
    // two matrix-vector products, an unconnected vector, and two rank-0 tensors
    ContractionProblem p = new ContractionProblem(
        new int[][] {{0, 1}, {1}, {2, 3}, {3}, {}, {4}, {}}, new int[] {0, 2, 4}, new int[] {1, 1, 1, 1, 1});
    ContractionTree t = new GreedyFinder(1, 0).find(p, new SplittableRandom(0));
    RandomProblems.assertValid(t);
    assertArrayEquals(new int[] {0, 2, 4}, t.indices(t.root()));
  }

  @Test
  void zeroTemperatureFollowsTheScoreOnAMatrixChain() {
    // A(i,j) B(j,k) C(k,l), |i|=2 |j|=4 |k|=8 |l|=16: AB scores 16 - (8 + 32) = -24 and
    // BC scores 64 - (32 + 128) = -96, so BC goes first
    ContractionProblem p = new ContractionProblem(new int[][] {{0, 1}, {1, 2}, {2, 3}}, new int[] {0, 3},
        new int[] {1, 2, 3, 4});
    ContractionTree t = new GreedyFinder(1, 0).find(p, new SplittableRandom(0));
    assertArrayEquals(new int[][] {{1, 2}, {0, 3}}, t.ssaPath());
  }

  @Test
  void sameSeedSameTreeOtherSeedOtherTree() {
    ContractionProblem p = RandomProblems.regular(200, 3, 1, 0, 11);
    GreedyFinder f = new GreedyFinder(1, 0.5);
    int[][] a = f.find(p, new SplittableRandom(3)).ssaPath();
    int[][] b = f.find(p, new SplittableRandom(3)).ssaPath();
    int[][] c = f.find(p, new SplittableRandom(4)).ssaPath();
    assertArrayEquals(a, b);
    assertNotEquals(java.util.Arrays.deepToString(a), java.util.Arrays.deepToString(c));
  }

  @Test
  void scalesToThousandsOfTensors() {
    ContractionProblem p = RandomProblems.grid(50, 60, 1);
    ContractionTree t = GreedyFinder.sample(new SplittableRandom(9)).find(p, new SplittableRandom(9));
    RandomProblems.assertValid(t);
    assertEquals(5999, t.numNodes());
    assertTrue(t.log2MaxSize() < 120, "a lattice needs no huge intermediates: " + t.log2MaxSize());
  }

  @Test
  void ranksTensorsBeyondDoubleRange() {
    // a wide random graph: intermediates far above 2^1024 elements
    ContractionProblem p = RandomProblems.regular(3000, 4, 1, 0, 2);
    RandomProblems.assertValid(new GreedyFinder(1, 0.01).find(p, new SplittableRandom(1)));
  }

  @Test
  void rejectsNegativeParameters() {
    assertThrows(IllegalArgumentException.class, () -> new GreedyFinder(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new GreedyFinder(1, Double.NaN));
  }
}
