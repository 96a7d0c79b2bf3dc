package io.canopy.planner;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Lets the tree adapt to the slicing: plans the network again as if the sliced indices had size
 * 1, slices that new tree further if it needs to, then {@link Slicer#trim trims} sliced indices
 * the new tree no longer needs. A tree found before slicing puts its large intermediates where
 * slicing is expensive; a tree found for the sliced network avoids that, and the trim gives back
 * the indices it made redundant. Alternating the two converges in a few rounds.
 */
final class SliceReplanner {
  private SliceReplanner() { }

  /** The network with the given indices reduced to size 1 (log2 size 0). */
  static ContractionProblem withoutSliced(ContractionProblem problem, int[] sliced) {
    int[] sizes = problem.log2Sizes();
    for (int ix : sliced) sizes[ix] = 0;
    return new ContractionProblem(problem.inputs(), problem.output(), sizes);
  }

  /**
   * One round: plans the sliced network with {@code options} (which must carry the target), and
   * returns the new tree on the original problem, sliced by the old and any new indices, trimmed.
   */
  static ContractionTree round(ContractionTree current, PlannerOptions options) {
    ContractionProblem problem = current.problem();
    int target = options.targetLog2Size().getAsInt();
    ContractionProblem reduced = withoutSliced(problem, current.sliced());
    ContractionTree onReduced = Planner.plan(reduced, options, PlanProgress.NONE).tree();
    int[] all = IntStream.concat(Arrays.stream(current.sliced()), Arrays.stream(onReduced.sliced()))
        .distinct().toArray();
    ContractionTree replanned = ContractionTree.fromSsaPath(problem, onReduced.ssaPath(), all);
    return Slicer.trim(replanned, target);
  }
}
