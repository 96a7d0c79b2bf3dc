package io.canopy.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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

  /**
   * Contracts the same work items in this JVM without Spark, on {@code threads} threads each with
   * its own backend: the reference the Spark path is compared with, for results and overhead.
   */
  public static List<PartialSum> contractInProcess(AmplitudeTask task, List<WorkItem> items, int threads,
      TaskOptions options, ProgressPrinter progress, long slicesDone, long slicesTotal) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong done = new AtomicLong(slicesDone);
    try {
      List<Future<PartialSum>> futures = new ArrayList<>();
      for (WorkItem item : items) {
        futures.add(pool.submit(() -> {
          PartialSum p = SliceRangeContraction.compute(task, item, "driver", 0, options);
          progress.update(done.addAndGet(item.slices()), slicesTotal);
          return p;
        }));
      }
      List<PartialSum> partials = new ArrayList<>();
      for (Future<PartialSum> f : futures) partials.add(f.get());
      return partials;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
