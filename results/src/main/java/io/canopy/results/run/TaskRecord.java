package io.canopy.results.run;

import java.util.OptionalDouble;

/**
 * One Spark task of a run as run.json records it: which slices' worth of work it did, how long
 * it took, where, and (when the host could measure it) the energy its GPU drew.
 *
 * @param task task id
 * @param slices number of slices the task contracted
 * @param seconds wall time of the task
 * @param executor Spark executor id, or "" when not recorded
 * @param gpu GPU the task ran on (e.g. its index or UUID), or "" when not recorded
 * @param joules energy of the GPU during the task, when measured
 * @param start start time in seconds (any common origin, e.g. epoch), when recorded
 */
public record TaskRecord(long task, long slices, double seconds, String executor, String gpu,
    OptionalDouble joules, OptionalDouble start) {

  /** Where the task ran: GPU if known, else executor, else "". */
  public String device() {
    if (!gpu.isEmpty()) return executor.isEmpty() ? gpu : executor + "/" + gpu;
    return executor;
  }
}
