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
   * The rate and power a run measured: {@link #measuredTflops}, and the tasks' summed joules over
   * their summed seconds.
   *
   * @throws InputException naming run.json if it lacks the plan, tasks, or joules on a task
   */
  public static GpuRate measured(RunRecord run) {
    double tflops = measuredTflops(run);
    for (TaskRecord t : run.tasks()) {
      if (t.joules().isEmpty()) {
        throw new InputException(run.source(), 0,
            "task " + t.task() + " has no joules; give the power per GPU instead");
      }
    }
    TaskSummary summary = TaskSummary.of(run.tasks());
    return new GpuRate(tflops, summary.joules() / summary.seconds());
  }

  /**
   * The real TFLOP/s a run sustained per device: the real flops of all slices its tasks
   * contracted (per-slice flops from run.json's {@code plan}) over the tasks' summed seconds,
   * which are each task's time on its device.
   *
   * @throws InputException naming run.json if it lacks the plan or tasks with slices and time
   */
  public static double measuredTflops(RunRecord run) {
    JsonNode planNode = run.plan().orElseThrow(() ->
        new InputException(run.source(), 0, "no plan to count the flops of a slice"));
    PlanCost plan = PlanCost.fromStats(planNode, "plan", run.source());
    if (run.tasks().isEmpty()) {
      throw new InputException(run.source(), 0, "no tasks to measure a rate from");
    }
    TaskSummary summary = TaskSummary.of(run.tasks());
    if (summary.slices() == 0 || !(summary.seconds() > 0)) {
      throw new InputException(run.source(), 0, "no task with slices and time to measure a rate");
    }
    return summary.slices() * plan.realFlopsPerSlice() / summary.seconds() / 1e12;
  }
}
