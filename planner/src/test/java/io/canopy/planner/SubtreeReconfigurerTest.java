package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.pathfinders.GreedyFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubtreeReconfigurerTest {

  /** Noisy greedy trees leave plenty to improve. */
  private static ContractionTree noisyTree(ContractionProblem p, long seed) {
    return new GreedyFinder(1, 2.0).find(p, new SplittableRandom(seed));
  }

  @Test
  void neverIncreasesCostAndKeepsTheTreeValid() {
    boolean improvedSome = false;
    for (int seed = 0; seed < 8; seed++) {
      ContractionProblem p = RandomProblems.regular(40 + 10 * seed, 3, 2, seed % 3, seed);
      ContractionTree before = noisyTree(p, seed);
      ContractionTree after = new SubtreeReconfigurer(6).reconfigure(before);
      RandomProblems.assertValid(after);
      assertTrue(after.log10Flops() <= before.log10Flops() + 1e-12, after.log10Flops() + " > " + before.log10Flops());
      improvedSome |= after.log10Flops() < before.log10Flops() - 0.01;
    }
    assertTrue(improvedSome, "reconfiguration should improve noisy greedy trees");
  }

  @Test
  void findsTheOptimumWhenTheWholeTreeFitsOneSubtree() {
    for (int seed = 0; seed < 6; seed++) {
      ContractionProblem p = RandomProblems.regular(6, 3, 3, 1, 100 + seed);
      ContractionTree t = new SubtreeReconfigurer(6).reconfigure(noisyTree(p, seed));
      assertEquals(BruteForce.minFlops(p), t.flopsPerSlice(), 1e-9 * t.flopsPerSlice());
    }
  }

  @Test
  void sizeCapIsRespected() {
    ContractionProblem p = RandomProblems.regular(60, 3, 1, 0, 7);
    ContractionTree sliced = Slicer.slice(noisyTree(p, 7), 6);
    ContractionTree after = new SubtreeReconfigurer(8, 6, 0).reconfigure(sliced);
    assertTrue(after.log2MaxSize() <= 6);
    assertTrue(after.log10Flops() <= sliced.log10Flops() + 1e-12);
    assertEquals(sliced.sliced().length, after.sliced().length);
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> new SubtreeReconfigurer(1));
    assertThrows(IllegalArgumentException.class, () -> new SubtreeReconfigurer(17));
    assertThrows(IllegalArgumentException.class, () -> new SubtreeReconfigurer(8, 10, -1));
  }

  /** Exhaustive search over all contraction orders of a tiny problem, independent of the DP. */
  static final class BruteForce {
    private BruteForce() { }

    static double minFlops(ContractionProblem p) {
      List<int[]> live = new ArrayList<>();
      for (int[] in : p.inputs()) live.add(java.util.Arrays.stream(in).distinct().toArray());
      return search(p, live);
    }

    private static double search(ContractionProblem p, List<int[]> live) {
      if (live.size() == 1) return 0;
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < live.size(); i++) {
        for (int j = i + 1; j < live.size(); j++) {
          int[] a = live.get(i);
          int[] b = live.get(j);
          java.util.Set<Integer> union = new java.util.TreeSet<>();
          for (int x : a) union.add(x);
          for (int x : b) union.add(x);
          double cost = 1;
          List<Integer> kept = new ArrayList<>();
          for (int ix : union) {
            cost *= Math.pow(2, p.log2Size(ix));
            boolean elsewhere = java.util.Arrays.stream(p.output()).anyMatch(o -> o == ix);
            for (int k = 0; k < live.size(); k++) {
              if (k != i && k != j && java.util.Arrays.stream(live.get(k)).anyMatch(x -> x == ix)) elsewhere = true;
            }
            if (elsewhere) kept.add(ix);
          }
          List<int[]> next = new ArrayList<>(live);
          next.remove(j);
          next.remove(i);
          next.add(kept.stream().mapToInt(Integer::intValue).toArray());
          best = Math.min(best, cost + search(p, next));
        }
      }
      return best;
    }
  }
}
