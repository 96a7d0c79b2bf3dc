package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.pathfinders.GreedyFinder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SliceReplannerTest {
  private final ContractionProblem problem = RandomProblems.regular(90, 3, 1, 1, 13);

  @Test
  void trimDropsOnlyIndicesTheTargetDoesNotNeed() {
    ContractionTree t = new GreedyFinder(1, 0.2).find(problem, new SplittableRandom(2));
    int target = t.log2MaxSize() - 4;
    ContractionTree sliced = Slicer.slice(t, target);
    // slice every other sliceable index too: all of those are redundant
    int[] extra = java.util.stream.IntStream.concat(Arrays.stream(sliced.sliced()),
        java.util.stream.IntStream.range(0, 10).filter(ix -> Arrays.stream(problem.output()).noneMatch(o -> o == ix)))
        .distinct().toArray();
    ContractionTree overSliced = t.withSliced(extra);
    ContractionTree trimmed = Slicer.trim(overSliced, target);
    assertTrue(trimmed.log2MaxSize() <= target);
    assertTrue(trimmed.log10Flops() <= sliced.log10Flops() + 1e-9, "trim should undo the extra slicing");
    for (int ix : trimmed.sliced()) {
      int[] without = Arrays.stream(trimmed.sliced()).filter(s -> s != ix).toArray();
      assertTrue(trimmed.withSliced(without).log2MaxSize() > target, "index " + ix + " is not needed");
    }
  }

  @Test
  void replanningKeepsTheTargetAndAValidTree() {
    int target = 8;
    ContractionTree start = Slicer.slice(new GreedyFinder(1, 0.5).find(problem, new SplittableRandom(4)), target);
    PlannerOptions sub = PlannerOptions.builder().trials(6).targetLog2Size(target).sliceReplanning(false).build();
    for (double drop : new double[] {0, 0.25}) {
      ContractionTree t = SliceReplanner.round(start, sub, drop, new SplittableRandom(1), PlanProgress.NONE);
      RandomProblems.assertValid(t);
      assertTrue(t.log2MaxSize() <= target);
    }
  }

  @Test
  void reducedNetworkHasSizeOneSlicedIndices() {
    ContractionProblem reduced = SliceReplanner.withoutSliced(problem, new int[] {0, 5});
    assertEquals(0, reduced.log2Size(0));
    assertEquals(0, reduced.log2Size(5));
    assertEquals(problem.log2Size(1), reduced.log2Size(1));
  }
}
