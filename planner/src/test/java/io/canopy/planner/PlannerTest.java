package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    Plan c = plan(1, 7, 12);
    assertArrayEquals(a.tree().ssaPath(), b.tree().ssaPath());
    assertArrayEquals(a.tree().sliced(), b.tree().sliced());
    assertArrayEquals(a.tree().ssaPath(), c.tree().ssaPath());
  }

  @Test
  void slicedPlanMeetsTheTarget() {
    Plan p = plan(2, 3, 8);
    RandomProblems.assertValid(p.tree());
    assertTrue(p.stats().log2MaxSize() <= 8);
  }

  @Test
  void moreTrialsNeverGiveAWorsePlan() {
    // the first trials of a longer run are the same trials, so its best is at least as good
    double few = plan(2, 5, 2).tree().log10Flops();
    double many = plan(2, 5, 16).tree().log10Flops();
    assertTrue(many <= few, many + " > " + few);
  }

  @Test
  void reportsEveryTrialInOrder() {
    List<Integer> seen = new ArrayList<>();
    List<Double> best = new ArrayList<>();
    Planner.plan(problem, PlannerOptions.builder().threads(2).trials(10).build(), (done, flops, size, s) -> {
      seen.add(done);
      best.add(flops);
    });
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), seen);
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
  }

  @Test
  void unreachableTargetFailsBeforeSearching() {
    ContractionProblem wideOutput = RandomProblems.regular(20, 3, 1, 6, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Planner.plan(wideOutput,
        PlannerOptions.builder().targetLog2Size(3).build(), PlanProgress.NONE));
    assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
  }
}
