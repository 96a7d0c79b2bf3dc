package io.canopy.planner.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.RandomProblems;
import org.junit.jupiter.api.Test;

/** A short plan of a real Sycamore network: the shapes the planner exists for. */
class SycamorePlanTest {

  @Test
  void plansTheTwelveCycleCircuitWithinTwoToTheThirty() {
    ContractionProblem problem = SycamoreProblems.amplitude(12, true);
    Plan plan = Planner.plan(problem, PlannerOptions.builder().trials(16).threads(2).targetLog2Size(30)
        .seed(3).build(), PlanProgress.NONE);
    RandomProblems.assertValid(plan.tree());
    assertTrue(plan.stats().log2MaxSize() <= 30);
    // a sanity bound far above what the planner reaches (about 10^13.1 in benchmarks) but far
    // below what a careless order costs on this network
    assertTrue(plan.stats().slicedLog10Flops() < 15, plan.stats().toString());
  }
}
