package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.hyper.FinderSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final ContractionProblem problem = RandomProblems.regular(120, 3, 1, 2, 42);

  private Plan plan(int threads, long seed, int trials) {
    return Planner.plan(problem, PlannerOptions.builder().threads(threads).seed(seed).trials(trials)
        .targetLog2Size(8).build(), PlanProgress.NONE);
  }

  @Test
  void sameSeedAndTrialsGiveTheSamePlan() {
    Plan a = plan(2, 7, 12);
    Plan b = plan(2, 7, 12);
    assertArrayEquals(a.tree().ssaPath(), b.tree().ssaPath());
    assertArrayEquals(a.tree().sliced(), b.tree().sliced());
    Plan c = plan(1, 7, 12);
    Plan d = plan(1, 7, 12);
    assertArrayEquals(c.tree().ssaPath(), d.tree().ssaPath());
  }

  @Test
  void slicedPlanMeetsTheTarget() {
    Plan p = plan(2, 3, 8);
    RandomProblems.assertValid(p.tree());
    assertTrue(p.stats().log2MaxSize() <= 8);
  }

  @Test
  void refinementNeverLosesToTheSearchAlone() {
    PlannerOptions.Builder b = PlannerOptions.builder().threads(2).seed(5).trials(8);
    double searchOnly = Planner.plan(problem, b.subtreeSize(0).build(), PlanProgress.NONE).tree().log10Flops();
    double refined = Planner.plan(problem, b.subtreeSize(8).build(), PlanProgress.NONE).tree().log10Flops();
    assertTrue(refined <= searchOnly, refined + " > " + searchOnly);
  }

  @Test
  void eachFinderFamilyAloneGivesValidPlans() {
    for (FinderSpace f : FinderSpace.values()) {
      Plan p = Planner.plan(problem, PlannerOptions.builder().trials(4).finders(f).build(), PlanProgress.NONE);
      RandomProblems.assertValid(p.tree());
    }
  }

  @Test
  void reportsEveryTrialInOrder() {
    List<Integer> seen = new ArrayList<>();
    List<Double> best = new ArrayList<>();
    Planner.plan(problem, PlannerOptions.builder().threads(2).trials(10).build(), (done, flops, size, s) -> {
      seen.add(done);
      best.add(flops);
    });
    // 10 trials, then the 4 best trees refined
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), seen);
    for (int i = 1; i < best.size(); i++) assertTrue(best.get(i) <= best.get(i - 1));
  }

  @Test
  void timeBudgetAloneStopsTheSearch() {
    Plan p = Planner.plan(problem, PlannerOptions.builder().timeSeconds(0.2).threads(2).build(),
        PlanProgress.NONE);
    RandomProblems.assertValid(p.tree());
  }

  @Test
  void plansASingleInput() {
    ContractionProblem single = new ContractionProblem(new int[][] {{0, 1}}, new int[] {0, 1}, new int[] {2, 2});
    Plan p = Planner.plan(single, PlannerOptions.builder().trials(1).build(), PlanProgress.NONE);
    assertEquals(1, p.tree().numNodes());
  }

  @Test
  void optionsRejectBadValues() {
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().timeSeconds(0));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().timeSeconds(-1));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().timeSeconds(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().trials(0));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().threads(0));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().targetLog2Size(-3));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().objective(null));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().subtreeSize(1));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().reconfigureBest(0));
    assertThrows(IllegalArgumentException.class, () -> PlannerOptions.builder().finders());
  }

  @Test
  void unreachableTargetFailsBeforeSearching() {
    ContractionProblem wideOutput = RandomProblems.regular(20, 3, 1, 6, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Planner.plan(wideOutput,
        PlannerOptions.builder().targetLog2Size(3).build(), PlanProgress.NONE));
    assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
  }
}
