package io.canopy.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark job: each work item (a slice range of one subspace) becomes one task, which contracts
 * its range and returns one partial sum; the driver collects them. Reduction in a fixed order is
 * {@link PartialSums}' job.
 */
public final class AmplitudeJob {
  private AmplitudeJob() {}

  /**
   * Contracts the given work items on Spark.
   *
   * @param progress fed with slices done, counting from {@code slicesDone} towards {@code slicesTotal}
   */
  public static List<PartialSum> contractOnSpark(JavaSparkContext sc, AmplitudeTask task, List<WorkItem> items,
      TaskOptions options, ProgressPrinter progress, long slicesDone, long slicesTotal) {
    if (items.isEmpty()) return List.of();
    sc.setJobGroup("canopy-amplitudes", String.format(
        "Canopy: %d slice range(s) of %d subspace(s), %d-qubit circuit, plan %s",
        items.size(), task.numSubspaces(), task.circuit().numQubits(),
        task.plan().networkHash().substring(0, 12)), true);
    Broadcast<byte[]> shipped = TaskBroadcast.broadcast(sc, task);
    SparkProgress listener = new SparkProgress(items, progress, slicesDone, slicesTotal);
    sc.sc().addSparkListener(listener);
    try {
      return sc.parallelize(items, items.size())
          .map(item -> SliceRangeContraction.compute(TaskBroadcast.decode(shipped), item,
              SparkEnv.get().executorId(), TaskContext.get().attemptNumber(), options))
          .collect();
    } finally {
      sc.sc().removeSparkListener(listener);
      shipped.destroy();
    }
  }

  /** Contracts the same work items in this thread, without Spark: the reference for the Spark path. */
  public static List<PartialSum> contractInProcess(AmplitudeTask task, List<WorkItem> items,
      TaskOptions options, ProgressPrinter progress, long slicesDone, long slicesTotal) {
    List<PartialSum> partials = new ArrayList<>();
    long done = slicesDone;
    for (WorkItem item : items) {
      partials.add(SliceRangeContraction.compute(task, item, "driver", 0, options));
      done += item.slices();
      progress.update(done, slicesTotal);
    }
    return partials;
  }
}
