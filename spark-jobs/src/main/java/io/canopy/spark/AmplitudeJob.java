package io.canopy.spark;

import io.canopy.contractor.HostTensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark job: cut the plan's slices into work items, contract each item's slice range in a
 * task, collect one partial sum per task and reduce them on the driver in a fixed order.
 */
public final class AmplitudeJob {

  /** Amplitude tensors per subspace (network output order) and the per-task records. */
  public record Result(List<HostTensor> amplitudes, List<PartialSum> partials) {}

  private AmplitudeJob() {}

  /** Runs the task on a Spark context; each work item becomes one Spark task. */
  public static Result runOnSpark(JavaSparkContext sc, AmplitudeTask task, long slicesPerTask,
      ProgressPrinter progress) {
    long numSlices = task.plan().numSlices();
    List<WorkItem> items = WorkItem.split(task.numSubspaces(), numSlices, slicesPerTask);
    sc.setJobGroup("canopy-amplitudes", String.format("Canopy: %d subspace(s) x %d slice(s) of a %d-qubit circuit",
        task.numSubspaces(), numSlices, task.circuit().numQubits()), true);
    Broadcast<byte[]> shipped = TaskBroadcast.broadcast(sc, task);
    SparkProgress listener = new SparkProgress(items, progress);
    sc.sc().addSparkListener(listener);
    try {
      List<PartialSum> partials = sc.parallelize(items, items.size())
          .map(item -> SliceRangeContraction.compute(TaskBroadcast.decode(shipped), item,
              SparkEnv.get().executorId()))
          .collect();
      return new Result(PartialSums.reduce(task.numSubspaces(), numSlices, partials), partials);
    } finally {
      sc.sc().removeSparkListener(listener);
      shipped.destroy();
    }
  }

  /** Runs the same work items in this thread, without Spark: the reference for the Spark path. */
  public static Result runInProcess(AmplitudeTask task, long slicesPerTask, ProgressPrinter progress) {
    long numSlices = task.plan().numSlices();
    List<WorkItem> items = WorkItem.split(task.numSubspaces(), numSlices, slicesPerTask);
    long total = task.numSubspaces() * numSlices;
    List<PartialSum> partials = new ArrayList<>();
    long done = 0;
    for (WorkItem item : items) {
      partials.add(SliceRangeContraction.compute(task, item, "driver"));
      done += item.slices();
      progress.update(done, total);
    }
    return new Result(PartialSums.reduce(task.numSubspaces(), numSlices, partials), partials);
  }
}
