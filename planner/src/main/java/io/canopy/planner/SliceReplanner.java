package io.canopy.planner;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Lets the tree adapt to the slicing: plans the network again as if the sliced indices had size
 * 1, slices that new tree further if it needs to, then {@link Slicer#trim trims} sliced indices
 * the new tree no longer needs. A tree found before slicing puts its large intermediates where
 * slicing is expensive; a tree found for the sliced network avoids that, and the trim gives back
 * the indices it made redundant. Alternating the two converges in a few rounds; forgetting part
 * of the slicing before a round (a large-neighbourhood move) lets it leave a poor one.
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
   * returns the new tree on the original problem, sliced by the kept and any new indices, trimmed.
   *
   * @param dropFraction share of the current sliced indices, drawn at random, that the round
   *     forgets before planning: 0 refines the current slicing, more lets the search leave it
   * @param progress the sub-plan's progress (its costs are per slice of the kept indices)
   */
  static ContractionTree round(ContractionTree current, PlannerOptions options, double dropFraction,
      RandomGenerator random, PlanProgress progress) {
    ContractionProblem problem = current.problem();
    int target = options.targetLog2Size().getAsInt();
    int[] kept = current.sliced();
    for (int i = kept.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = kept[i];
      kept[i] = kept[j];
      kept[j] = t;
    }
    kept = Arrays.copyOf(kept, kept.length - (int) Math.round(dropFraction * kept.length));
    ContractionProblem reduced = withoutSliced(problem, kept);
    ContractionTree onReduced = Planner.plan(reduced, options, progress).tree();
    int[] all = IntStream.concat(Arrays.stream(kept), Arrays.stream(onReduced.sliced()))
        .distinct().toArray();
    ContractionTree replanned = ContractionTree.fromSsaPath(problem, onReduced.ssaPath(), all);
    return Slicer.trim(replanned, target);
  }
}
