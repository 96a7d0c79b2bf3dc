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
   * Prints a line such as {@code 120 trials, best log10 cost 18.23, log2 size 52, 31 s} whenever
   * the best plan changes, at most once per second: the few numbers a user watches.
   */
  static PlanProgress printingTo(java.io.PrintStream out) {
    double[] last = {Double.NaN, -1, -1};
    return (trialsDone, bestLog10Flops, bestLog2Size, elapsedSeconds) -> {
      boolean changed = bestLog10Flops != last[0] || bestLog2Size != last[1];
      if (changed && elapsedSeconds - last[2] >= 1) {
        out.printf("%d trials, best log10 cost %.2f, log2 size %d, %.0f s%n", trialsDone, bestLog10Flops,
            bestLog2Size, elapsedSeconds);
        last[0] = bestLog10Flops;
        last[1] = bestLog2Size;
        last[2] = elapsedSeconds;
      }
    };
  }

  /**
   * @param trialsDone trials (and refinements) finished so far
   * @param bestLog10Flops log10 total multiply-adds (over all slices) of the best plan so far
   * @param bestLog2Size log2 of its largest intermediate per slice
   * @param elapsedSeconds seconds since planning started
   */
  void update(int trialsDone, double bestLog10Flops, int bestLog2Size, double elapsedSeconds);
}
