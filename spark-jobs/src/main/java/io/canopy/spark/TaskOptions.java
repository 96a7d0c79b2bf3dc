package io.canopy.spark;

import java.io.Serializable;

/**
 * Executor-side settings of a run besides the task itself.
 *
 * @param checkpointDir URI of the directory partial sums are persisted to, or null for none
 * @param fingerprint the run's identity written into every checkpoint
 * @param failureFraction testing aid: the share of work items whose first attempt fails on
 *     purpose, to exercise Spark's retries (0 in normal runs)
 */
public record TaskOptions(String checkpointDir, String fingerprint, double failureFraction)
    implements Serializable {

  public static TaskOptions none() {
    return new TaskOptions(null, "", 0);
  }

  /** Whether this item's first attempt is one chosen to fail: a fixed pseudo-random choice per item. */
  boolean failsFirstAttempt(WorkItem item) {
    if (failureFraction <= 0) return false;
    long h = item.subspace() * 0x9E3779B97F4A7C15L + item.fromSlice() * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (h >>> 11) * 0x1.0p-53 < failureFraction;
  }
}
