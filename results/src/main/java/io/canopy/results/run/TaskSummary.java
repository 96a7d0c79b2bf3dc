package io.canopy.results.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals and a timeline of a run's tasks: task-seconds (GPU or CPU), slices, energy, per device,
 * and the throughput (slices per second) in equal time windows.
 *
 * <p>The timeline uses each task's {@code start} when every task has one; otherwise tasks are
 * placed back to back on their device (executor/GPU) in the order run.json lists them, which is
 * exact for a device that runs one task at a time and lists them in order.
 */
public final class TaskSummary {
  /** Number of windows of the throughput timeline. */
  public static final int WINDOWS = 24;

  /** Totals of the tasks of one device. */
  public record DeviceTotals(String device, int tasks, long slices, double seconds,
      double joules, int tasksWithJoules) {}

  private final List<TaskRecord> tasks;
  private final double[] start;
  private final List<DeviceTotals> devices;

  private TaskSummary(List<TaskRecord> tasks) {
    this.tasks = List.copyOf(tasks);
    this.start = startTimes(this.tasks);
    this.devices = perDevice(this.tasks);
  }

  public static TaskSummary of(List<TaskRecord> tasks) {
    if (tasks.isEmpty()) throw new IllegalArgumentException("no tasks to summarize");
    return new TaskSummary(tasks);
  }

  public List<TaskRecord> tasks() {
    return tasks;
  }

  /** Whether the timeline comes from recorded start times (else: back to back per device). */
  public boolean recordedStarts() {
    return tasks.stream().allMatch(t -> t.start().isPresent());
  }

  public long slices() {
    return devices.stream().mapToLong(DeviceTotals::slices).sum();
  }

  /** Summed task seconds: GPU-busy time. */
  public double seconds() {
    return devices.stream().mapToDouble(DeviceTotals::seconds).sum();
  }

  /** Summed joules of the tasks that measured them. */
  public double joules() {
    return devices.stream().mapToDouble(DeviceTotals::joules).sum();
  }

  public int tasksWithJoules() {
    return devices.stream().mapToInt(DeviceTotals::tasksWithJoules).sum();
  }

  /** Seconds over slices of each task (NaN for a task of no slices). */
  public double[] secondsPerSlice() {
    double[] out = new double[tasks.size()];
    for (int i = 0; i < out.length; i++) out[i] = tasks.get(i).seconds() / tasks.get(i).slices();
    return out;
  }

  public List<DeviceTotals> devices() {
    return devices;
  }

  /** Time from the first task's start to the last task's end. */
  public double wallSeconds() {
    double end = 0;
    for (int i = 0; i < tasks.size(); i++) end = Math.max(end, start[i] + tasks.get(i).seconds());
    return end;
  }

  /**
   * Slices per second in {@link #WINDOWS} equal windows over the wall time; a task's slices are
   * spread evenly over its duration.
   */
  public double[] throughput() {
    double wall = wallSeconds();
    double[] rate = new double[WINDOWS];
    if (!(wall > 0)) return rate;
    double width = wall / WINDOWS;
    for (int i = 0; i < tasks.size(); i++) {
      TaskRecord t = tasks.get(i);
      double from = start[i];
      double to = from + t.seconds();
      if (t.seconds() == 0) {
        rate[Math.min(WINDOWS - 1, (int) (from / width))] += t.slices() / width;
        continue;
      }
      int first = (int) (from / width);
      int last = Math.min(WINDOWS - 1, (int) (to / width));
      for (int w = first; w <= last; w++) {
        double overlap = Math.min(to, (w + 1) * width) - Math.max(from, w * width);
        if (overlap > 0) rate[w] += t.slices() * overlap / t.seconds() / width;
      }
    }
    return rate;
  }

  /** Start of each task relative to the earliest one. */
  private static double[] startTimes(List<TaskRecord> tasks) {
    double[] start = new double[tasks.size()];
    if (tasks.stream().allMatch(t -> t.start().isPresent())) {
      double origin = tasks.stream().mapToDouble(t -> t.start().getAsDouble()).min().orElse(0);
      for (int i = 0; i < start.length; i++) start[i] = tasks.get(i).start().getAsDouble() - origin;
    } else {
      Map<String, Double> busyUntil = new LinkedHashMap<>();
      for (int i = 0; i < start.length; i++) {
        TaskRecord t = tasks.get(i);
        start[i] = busyUntil.getOrDefault(t.device(), 0.0);
        busyUntil.put(t.device(), start[i] + t.seconds());
      }
    }
    return start;
  }

  private static List<DeviceTotals> perDevice(List<TaskRecord> tasks) {
    Map<String, List<TaskRecord>> byDevice = new LinkedHashMap<>();
    for (TaskRecord t : tasks) byDevice.computeIfAbsent(t.device(), d -> new ArrayList<>()).add(t);
    List<DeviceTotals> out = new ArrayList<>();
    for (Map.Entry<String, List<TaskRecord>> e : byDevice.entrySet()) {
      long slices = 0;
      double seconds = 0;
      double joules = 0;
      int withJoules = 0;
      for (TaskRecord t : e.getValue()) {
        slices += t.slices();
        seconds += t.seconds();
        if (t.joules().isPresent()) {
          joules += t.joules().getAsDouble();
          withJoules++;
        }
      }
      out.add(new DeviceTotals(e.getKey(), e.getValue().size(), slices, seconds, joules,
          withJoules));
    }
    return List.copyOf(out);
  }
}
