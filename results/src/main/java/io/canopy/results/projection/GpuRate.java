package io.canopy.results.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.circuits.InputException;
import io.canopy.results.run.RunRecord;
import io.canopy.results.run.TaskRecord;
import io.canopy.results.run.TaskSummary;

/**
 * What one GPU sustains on slice contractions: real TFLOP/s and average power in watts.
 *
 * @param tflops real floating-point operations per second, in units of 10^12
 * @param watts average electrical power of one GPU while contracting
 */
public record GpuRate(double tflops, double watts) {

  public GpuRate {
    if (!(tflops > 0) || Double.isInfinite(tflops)) {
      throw new IllegalArgumentException("TFLOP/s must be positive, not " + tflops);
    }
    if (!(watts >= 0) || Double.isInfinite(watts)) {
      throw new IllegalArgumentException("watts must be non-negative, not " + watts);
    }
  }

  /**
   * The rate a run measured: the real flops of all slices its tasks contracted (per-slice flops
   * from run.json's {@code plan.stats}) over the tasks' summed seconds, and the tasks' summed
   * joules over the same seconds. Tasks' seconds are GPU-busy time, so the rate is per GPU.
   *
   * @throws InputException naming run.json if it lacks plan stats, tasks, or joules on a task
   */
  public static GpuRate measured(RunRecord run) {
    JsonNode stats = run.planStats().orElseThrow(() ->
        new InputException(run.source(), 0, "no plan.stats to count the flops of a slice"));
    PlanCost plan = PlanCost.fromStats(stats, run.source());
    if (run.tasks().isEmpty()) {
      throw new InputException(run.source(), 0, "no tasks to measure a rate from");
    }
    for (TaskRecord t : run.tasks()) {
      if (t.joules().isEmpty()) {
        throw new InputException(run.source(), 0,
            "task " + t.task() + " has no joules; give the power per GPU instead");
      }
    }
    TaskSummary summary = TaskSummary.of(run.tasks());
    long slices = summary.slices();
    double seconds = summary.seconds();
    if (slices == 0 || !(seconds > 0)) {
      throw new InputException(run.source(), 0, "no task with slices and time to measure a rate");
    }
    return new GpuRate(slices * plan.realFlopsPerSlice() / seconds / 1e12,
        summary.joules() / seconds);
  }
}
