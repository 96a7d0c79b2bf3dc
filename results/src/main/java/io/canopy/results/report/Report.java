package io.canopy.results.report;

import io.canopy.results.XebSummary;
import io.canopy.results.run.RunData;
import io.canopy.results.run.RunRecord;
import io.canopy.results.run.TaskSummary;
import java.util.Optional;

/**
 * Everything a report shows, computed once so that the HTML and JSON renderings agree. Only the
 * amplitudes are required; every other part is absent when the run did not record it.
 *
 * @param data the run's amplitudes and run record
 * @param xeb fidelity numbers; absent with fewer than two amplitude rows
 * @param tasks task totals and timeline; absent without task records
 */
record Report(RunData data, Optional<XebSummary> xeb, Optional<TaskSummary> tasks) {

  static Report of(RunData data, int topK) {
    Optional<XebSummary> xeb = data.amplitudes().size() >= 2
        ? Optional.of(XebSummary.of(data, topK)) : Optional.empty();
    Optional<TaskSummary> tasks = data.run().map(RunRecord::tasks)
        .filter(list -> !list.isEmpty()).map(TaskSummary::of);
    return new Report(data, xeb, tasks);
  }

  /** Energy is summarized only when every task measured it. */
  boolean hasEnergy() {
    return tasks.isPresent() && tasks.get().tasksWithJoules() == tasks.get().tasks().size();
  }
}
