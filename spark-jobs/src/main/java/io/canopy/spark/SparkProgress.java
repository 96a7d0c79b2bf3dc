package io.canopy.spark;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts slices of finished tasks (task index = work item index, one item per partition) and
 * feeds the driver's progress display. Failed attempts do not count; their retry will.
 */
final class SparkProgress extends SparkListener {
  private final List<WorkItem> items;
  private final ProgressPrinter printer;
  private final long total;
  private final AtomicLong done = new AtomicLong();

  SparkProgress(List<WorkItem> items, ProgressPrinter printer, long alreadyDone, long total) {
    this.items = items;
    this.printer = printer;
    this.total = total;
    this.done.set(alreadyDone);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.taskInfo() == null || !end.taskInfo().successful()) return;
    int index = end.taskInfo().index();
    if (index < 0 || index >= items.size()) return;
    printer.update(done.addAndGet(items.get(index).slices()), total);
  }
}
