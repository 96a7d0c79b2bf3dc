package io.canopy.planner;

/**
 * Receives the planner's progress after every finished trial and every refined tree.
 *
 * <p>Threading: trials run on the planner's worker threads, but the callback is invoked on the
 * thread that called {@link Planner#plan}, between rounds of trials, once per finished trial in
 * trial order; calls are never concurrent and {@code trialsDone} increases by one from call to
 * call. Keep it quick (print a line, update a bar): the next round waits for it.
 */
@FunctionalInterface
public interface PlanProgress {

  /** Ignores all progress. */
  PlanProgress NONE = (trialsDone, bestLog10Flops, bestLog2Size, elapsedSeconds) -> { };

  /**
   * @param trialsDone trials (and refinements) finished so far
   * @param bestLog10Flops log10 total multiply-adds (over all slices) of the best plan so far
   * @param bestLog2Size log2 of its largest intermediate per slice
   * @param elapsedSeconds seconds since planning started
   */
  void update(int trialsDone, double bestLog10Flops, int bestLog2Size, double elapsedSeconds);
}
