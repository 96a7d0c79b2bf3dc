package io.canopy.cli;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.scoring.Objective;
import picocli.CommandLine.Option;

/**
 * Planner settings shared by {@code canopy plan} and {@code canopy run}; in {@code run} the seed
 * and time carry a {@code plan-} prefix because {@code --seed} there belongs to the bitstrings.
 */
final class PlanningOptions {

  @Option(names = "--target-size-log2", paramLabel = "N",
      description = "Slice until the largest intermediate has at most 2^N elements.")
  Integer targetLog2;

  @Option(names = {"--plan-time"}, paramLabel = "SECONDS", defaultValue = "5",
      description = "Planning time budget in seconds (default ${DEFAULT-VALUE}).")
  double time;

  @Option(names = {"--plan-trials"}, paramLabel = "N", description = "Stop planning after N trials.")
  Integer trials;

  @Option(names = {"--plan-seed"}, paramLabel = "S", defaultValue = "1", description = "Planner seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"--plan-objective"}, paramLabel = "OBJ", defaultValue = "flops",
      description = "flops (default), size, write, combo or combo:FACTOR.")
  String objective;

  PlannerOptions toOptions() {
    return build(targetLog2, time, trials, Runtime.getRuntime().availableProcessors(), seed, objective);
  }

  static PlannerOptions build(Integer targetLog2, double time, Integer trials, int threads, long seed,
      String objective) {
    PlannerOptions.Builder b = PlannerOptions.builder().timeSeconds(time).threads(threads).seed(seed)
        .objective(Objective.parse(objective));
    if (targetLog2 != null) b.targetLog2Size(targetLog2);
    if (trials != null) b.trials(trials);
    return b.build();
  }

  Planning.Planned plan(ContractionProblem network, java.io.PrintStream progress) {
    return Planning.plan(network, toOptions(), progress);
  }
}
