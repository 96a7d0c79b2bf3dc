package io.canopy.cli;

import io.canopy.results.projection.GpuRate;
import io.canopy.results.projection.PlanCost;
import io.canopy.results.projection.Projection;
import io.canopy.results.projection.ProjectionResult;
import io.canopy.results.run.RunData;
import io.canopy.store.Storage;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code canopy project}: time-to-solution and energy of a whole task on N GPUs. */
@Command(name = "project", mixinStandardHelpOptions = true,
    description = {"Project time-to-solution and kWh of a plan's whole task on N GPUs from a per-GPU rate",
        "(measured by a run, or given) and board power. Formula and assumptions: docs/projection.md."})
final class ProjectCommand implements Callable<Integer> {

  @Option(names = "--plan", required = true, paramLabel = "FILE", description = "Plan file.")
  String plan;

  @Option(names = "--run", paramLabel = "DIR", description = "Run whose measured rate (and energy, if any) to use.")
  String run;

  @Option(names = "--tflops", paramLabel = "X", description = "Sustained TFLOP/s per GPU (instead of --run).")
  Double tflops;

  @Option(names = "--watts", paramLabel = "W", description = "Board power per GPU (needed unless the run measured energy).")
  Double watts;

  @Option(names = "--gpus", required = true, paramLabel = "N", description = "Number of GPUs.")
  int gpus;

  @Option(names = "--efficiency", defaultValue = "1", paramLabel = "E",
      description = "Fraction of the rate sustained at scale (default ${DEFAULT-VALUE}).")
  double efficiency;

  @Override
  public Integer call() throws Exception {
    if ((run == null) == (tflops == null)) throw new IllegalArgumentException("give exactly one of --run and --tflops");
    Storage storage = new Storage();
    PlanCost cost;
    try (InputStream in = storage.open(storage.resolve(plan))) {
      cost = PlanCost.read(in, plan);
    }
    GpuRate rate;
    if (run != null) {
      RunData data = RunDirectory.load(storage, run);
      var record = data.run().orElseThrow(() -> new IllegalArgumentException(run + ": no run.json"));
      rate = watts != null ? new GpuRate(GpuRate.measuredTflops(record), watts) : GpuRate.measured(record);
    } else {
      if (watts == null) throw new IllegalArgumentException("--tflops needs --watts");
      rate = new GpuRate(tflops, watts);
    }
    ProjectionResult r = Projection.project(cost, rate, gpus, efficiency);
    System.out.println(r.toText());
    return 0;
  }
}
