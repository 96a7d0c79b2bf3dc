package io.canopy.planner;

/**
 * Receives the planner's progress after every finished trial.
 *
 * <p>Threading: trials run on the planner's worker threads and the callback is invoked from
 * whichever worker finished a trial, but never concurrently: calls are serialized and
 * {@code trialsDone} increases by one from call to call. Keep it quick (print a line, update a
 * bar); a slow callback stalls the workers.
 */
@FunctionalInterface
public interface PlanProgress {

  /** Ignores all progress. */
  PlanProgress NONE = (trialsDone, bestLog10Flops, bestLog2Size, elapsedSeconds) -> { };

  /**
   * @param trialsDone trials finished so far
   * @param bestLog10Flops log10 total multiply-adds (over all slices) of the best plan so far
   * @param bestLog2Size log2 of its largest intermediate per slice
   * @param elapsedSeconds seconds since planning started
   */
  void update(int trialsDone, double bestLog10Flops, int bestLog2Size, double elapsedSeconds);
}
