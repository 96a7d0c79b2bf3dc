package io.canopy.spark;

import io.canopy.contractor.HostTensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A whole amplitude computation as the driver sees it: take the finished ranges from the
 * checkpoints, contract the missing ones (on Spark, or in this process when no Spark context is
 * given), reduce all partial sums in a fixed order.
 */
public final class AmplitudeRun {

  /**
   * @param amplitudes one tensor per subspace, in the network's output order
   * @param partials every range's partial sum, resumed ones included
   * @param resumedRanges how many ranges came from checkpoints
   * @param discarded checkpoint files that failed a check and were recomputed
   */
  public record Outcome(List<HostTensor> amplitudes, List<PartialSum> partials, int resumedRanges,
      List<Checkpoints.Invalid> discarded) {}

  private AmplitudeRun() {}

  /** Like the full form, on one thread when no Spark context is given. */
  public static Outcome execute(JavaSparkContext sc, AmplitudeTask task, long slicesPerTask,
      Checkpoints checkpoints, double failureFraction, ProgressPrinter progress) throws IOException {
    return execute(sc, 1, task, slicesPerTask, checkpoints, failureFraction, progress);
  }

  /**
   * @param sc the Spark context, or null to contract in this process on {@code threads} threads
   * @param checkpoints where partial sums are persisted and resumed from, or null for none
   * @param failureFraction testing aid passed to {@link TaskOptions}
   */
  public static Outcome execute(JavaSparkContext sc, int threads, AmplitudeTask task, long slicesPerTask,
      Checkpoints checkpoints, double failureFraction, ProgressPrinter progress) throws IOException {
    long numSlices = task.plan().numSlices();
    List<WorkItem> items = WorkItem.split(task.numSubspaces(), numSlices, slicesPerTask);
    Set<WorkItem> wanted = new HashSet<>(items);
    List<PartialSum> partials = new ArrayList<>();
    List<Checkpoints.Invalid> discarded = new ArrayList<>();
    TaskOptions options = TaskOptions.none();
    if (checkpoints != null) {
      Checkpoints.Scan scan = checkpoints.scan();
      for (PartialSum p : scan.valid()) {
        if (wanted.remove(p.item())) partials.add(p);
      }
      for (Checkpoints.Invalid bad : scan.invalid()) {
        checkpoints.delete(bad);
        discarded.add(bad);
      }
      options = new TaskOptions(checkpoints.dir().toString(), checkpoints.fingerprint(), failureFraction);
    } else if (failureFraction > 0) {
      options = new TaskOptions(null, "", failureFraction);
    }
    int resumed = partials.size();
    List<WorkItem> missing = items.stream().filter(wanted::contains).toList();
    long total = task.numSubspaces() * numSlices;
    long done = 0;
    for (PartialSum p : partials) done += p.item().slices();
    progress.update(done, total);
    partials.addAll(sc == null
        ? AmplitudeJob.contractInProcess(task, missing, threads, options, progress, done, total)
        : AmplitudeJob.contractOnSpark(sc, task, missing, options, progress, done, total));
    partials.sort(PartialSums.ORDER);
    return new Outcome(PartialSums.reduce(task.numSubspaces(), numSlices, partials), partials, resumed, discarded);
  }
}
