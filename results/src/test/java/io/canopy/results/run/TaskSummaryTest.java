package io.canopy.results.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TaskSummaryTest {

  private static TaskRecord task(long id, long slices, double seconds, String gpu, Double joules,
      Double start) {
    return new TaskRecord(id, slices, seconds, "exec-1", gpu,
        joules == null ? OptionalDouble.empty() : OptionalDouble.of(joules),
        start == null ? OptionalDouble.empty() : OptionalDouble.of(start));
  }

  @Test
  void totalsPerDevice() {
    TaskSummary s = TaskSummary.of(List.of(task(0, 4, 2, "0", 500.0, null),
        task(1, 2, 3, "1", 700.0, null), task(2, 6, 4, "0", null, null)));
    assertEquals(12, s.slices());
    assertEquals(9, s.seconds(), 0);
    assertEquals(1200, s.joules(), 0);
    assertEquals(2, s.tasksWithJoules());
    assertEquals(List.of(new TaskSummary.DeviceTotals("exec-1/0", 2, 10, 6, 500, 1),
        new TaskSummary.DeviceTotals("exec-1/1", 1, 2, 3, 700, 1)), s.devices());
    assertEquals(0.5, s.secondsPerSlice()[0], 0);
  }

  @Test
  void tasksWithoutStartRunBackToBackPerDevice() {
    // GPU 0 runs 2 s then 4 s; GPU 1 runs 3 s alongside: the run ends at 6 s.
    TaskSummary s = TaskSummary.of(List.of(task(0, 4, 2, "0", null, null),
        task(1, 2, 3, "1", null, null), task(2, 6, 4, "0", null, null)));
    assertEquals(6, s.wallSeconds(), 0);
  }

  @Test
  void recordedStartsAreUsed() {
    TaskSummary s = TaskSummary.of(List.of(task(0, 4, 2, "0", null, 1000.0),
        task(1, 2, 3, "0", null, 1010.0)));
    assertEquals(13, s.wallSeconds(), 0);
  }

  @Test
  void throughputConservesSlices() {
    TaskSummary s = TaskSummary.of(List.of(task(0, 5, 2.5, "0", null, null),
        task(1, 7, 3.7, "1", null, null), task(2, 11, 1.3, "0", null, null),
        task(3, 3, 0, "1", null, null)));
    double window = s.wallSeconds() / TaskSummary.WINDOWS;
    double slices = 0;
    for (double rate : s.throughput()) slices += rate * window;
    assertEquals(26, slices, 1e-9);
  }

  @Test
  void steadyRunHasFlatThroughput() {
    // Two GPUs, each 1 slice per second for 12 s: 2 slices/s in every window.
    TaskSummary s = TaskSummary.of(List.of(task(0, 12, 12, "0", null, null),
        task(1, 6, 6, "1", null, null), task(2, 6, 6, "1", null, null)));
    for (double rate : s.throughput()) assertEquals(2, rate, 1e-9);
  }

  @Test
  void needsTasks() {
    assertThrows(IllegalArgumentException.class, () -> TaskSummary.of(List.of()));
  }
}
