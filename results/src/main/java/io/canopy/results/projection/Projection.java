package io.canopy.results.projection;

/**
 * Time-to-solution and energy of a whole sliced contraction on a GPU cluster (formulas and
 * assumptions in docs/projection.md).
 *
 * <p>Slices are independent and of equal cost, so G GPUs finish S slices in ceil(S / G) rounds
 * of one slice each; a slice takes (real flops per slice) / (rate * E), where E in (0, 1] covers
 * what a per-GPU rate leaves out at scale (stragglers, scheduling, reduction of partial sums).
 * Every GPU is charged its power for the whole time, so energy = G * W * time.
 */
public final class Projection {
  private Projection() {}

  public static ProjectionResult project(PlanCost plan, GpuRate rate, int gpus,
      double efficiency) {
    if (gpus < 1) throw new IllegalArgumentException("need at least one GPU, not " + gpus);
    if (!(efficiency > 0 && efficiency <= 1)) {
      throw new IllegalArgumentException("efficiency must be in (0, 1], not " + efficiency);
    }
    double rounds = Math.ceil(plan.numSlices() / gpus);
    double secondsPerSlice = plan.realFlopsPerSlice() / (rate.tflops() * 1e12 * efficiency);
    double seconds = rounds * secondsPerSlice;
    double joules = gpus * rate.watts() * seconds;
    return new ProjectionResult(plan, rate, gpus, efficiency, rounds, seconds, joules);
  }
}
