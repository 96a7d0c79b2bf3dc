package io.canopy.planner.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TpeTunerTest {

  private static double distance(double[] u) {
    return Math.hypot(u[0] - 0.8, u[1] - 0.2);
  }

  @Test
  void concentratesNearTheOptimumOfASmoothScore() {
    TpeTuner tuner = new TpeTuner(List.of(FinderSpace.GREEDY));
    SplittableRandom random = new SplittableRandom(5);
    double early = 0;
    double late = 0;
    for (int i = 0; i < 100; i++) {
      TpeTuner.Proposal p = tuner.propose(random);
      double d = distance(p.point());
      if (i < 20) early += d / 20;
      if (i >= 80) late += d / 20;
      tuner.observe(p, d);
    }
    assertTrue(late < early / 2, "late proposals at mean distance " + late + ", early " + early);
  }

  @Test
  void prefersTheFamilyThatScoresBetter() {
    TpeTuner tuner = new TpeTuner(List.of(FinderSpace.GREEDY, FinderSpace.BISECTION));
    SplittableRandom random = new SplittableRandom(2);
    int bisections = 0;
    for (int i = 0; i < 200; i++) {
      TpeTuner.Proposal p = tuner.propose(random);
      tuner.observe(p, p.space() == FinderSpace.GREEDY ? 1 + random.nextDouble() : 3 + random.nextDouble());
      if (i >= 100 && p.space() == FinderSpace.BISECTION) bisections++;
    }
    assertTrue(bisections < 20, bisections + " of the last 100 proposals were the worse family");
  }

  @Test
  void parsesFinderNames() {
    assertEquals(FinderSpace.BISECTION, FinderSpace.parse("Bisection"));
    assertThrows(IllegalArgumentException.class, () -> FinderSpace.parse("kahypar"));
  }
}
