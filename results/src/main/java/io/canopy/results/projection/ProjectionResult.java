package io.canopy.results.projection;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A projection and the inputs it came from.
 *
 * @param rounds slices each GPU contracts one after another: ceil(slices / GPUs)
 * @param seconds time-to-solution
 * @param joules energy of all GPUs over that time
 */
public record ProjectionResult(PlanCost plan, GpuRate rate, int gpus, double efficiency,
    double rounds, double seconds, double joules) {
  public static final double JOULES_PER_KWH = 3.6e6;

  public double kilowattHours() {
    return joules / JOULES_PER_KWH;
  }

  /** A few lines for a terminal. */
  public String toText() {
    return String.format(Locale.ROOT,
        "plan          10^%.3f complex multiply-adds = %.4g real flops in %.4g slices%n"
            + "GPUs          %d at %.4g TFLOP/s and %.4g W each, efficiency %.3g%n"
            + "rounds        %.4g slices per GPU%n"
            + "time          %.4g s%n"
            + "energy        %.4g kWh (%.4g J)%n",
        plan.slicedLog10Flops(), plan.totalRealFlops(), plan.numSlices(), gpus, rate.tflops(),
        rate.watts(), efficiency, rounds, seconds, kilowattHours(), joules);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("slicedLog10Flops", plan.slicedLog10Flops());
    o.put("numSlices", plan.numSlices());
    o.put("totalRealFlops", plan.totalRealFlops());
    o.put("gpus", gpus);
    o.put("tflopsPerGpu", rate.tflops());
    o.put("wattsPerGpu", rate.watts());
    o.put("efficiency", efficiency);
    o.put("rounds", rounds);
    o.put("seconds", seconds);
    o.put("joules", joules);
    o.put("kWh", kilowattHours());
    return o;
  }
}
