package io.canopy.planner.bench;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.Plan;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import java.time.LocalDate;

/**
 * Plans Sycamore amplitudes and prints one line per run for docs/benchmarks.md. Arguments:
 * {@code cycles seconds threads [targetLog2Size|none] [seed]}. Run from the planner module with the test
 * class path; it is a benchmark, not a test, so the build never runs it.
 */
public final class SycamoreBenchmark {
  private SycamoreBenchmark() { }

  public static void main(String[] args) {
    int cycles = Integer.parseInt(args[0]);
    double seconds = Double.parseDouble(args[1]);
    int threads = Integer.parseInt(args[2]);
    ContractionProblem problem = SycamoreProblems.amplitude(cycles, true);
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
    boolean sliced = args.length > 3 && !args[3].equals("none");
    PlannerOptions.Builder options = PlannerOptions.builder().timeSeconds(seconds).threads(threads).seed(seed);
    if (sliced) options.targetLog2Size(Integer.parseInt(args[3]));
    long start = System.nanoTime();
    int[] trials = new int[1];
    Plan plan = Planner.plan(problem, options.build(), (done, flops, size, s) -> trials[0] = done);
    double took = (System.nanoTime() - start) / 1e9;
    System.out.printf("m%d tensors=%d %s seed=%d | %s | trials=%d %.1fs threads=%d %s%n", cycles,
        problem.numInputs(), sliced ? "target=2^" + args[3] : "unsliced", seed, plan.stats(),
        trials[0], took, threads, LocalDate.now());
  }
}
