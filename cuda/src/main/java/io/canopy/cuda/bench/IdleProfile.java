package io.canopy.cuda.bench;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;

import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.cuda.CudaBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;

/**
 * Where the device waits for the host: a backend that passes every call to a {@link CudaBackend}
 * and records an event on the compute stream before and after each call, without synchronizing.
 * The device reaches the event before a call as soon as the previous call's work is done, unless
 * the host has not enqueued that far yet: the time between the event after one call and the event
 * before the next is time the device sat idle waiting for the host. The time between a call's two
 * events is its device time, plus any idle time inside it (a call that reads a number back).
 * Each call's host time (enqueueing, or waiting where it reads a number back) is reported too.
 */
final class IdleProfile extends ForwardingBackend {
  private record Mark(String call, String shape, CUevent before, CUevent after, long hostNanos) {}

  private final List<Mark> marks = new ArrayList<>();

  IdleProfile(CudaBackend gpu) { super(gpu); }

  private CUevent event() {
    CUevent e = new CUevent();
    cuEventCreate(e, CUevent_flags.CU_EVENT_DEFAULT);
    return e;
  }

  private <T> T marked(String call, Supplier<T> body) {
    return marked(call, "", body);
  }

  private <T> T marked(String call, String shape, Supplier<T> body) {
    CUevent before = event();
    cuEventRecord(before, null);
    long t0 = System.nanoTime();
    T result = body.get();
    long host = System.nanoTime() - t0;
    CUevent after = event();
    cuEventRecord(after, null);
    marks.add(new Mark(call, shape, before, after, host));
    return result;
  }

  private static String size(DeviceTensor t) { return "2^" + Long.numberOfTrailingZeros(t.size()); }

  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep) {
    long big = Math.max(a.size(), b.size());
    String call = big >= 1L << 20 ? "contract, larger operand >= 2^20" : "contract, both operands < 2^20";
    return marked(call, size(a) + " x " + size(b), () -> gpu.contract(a, b, keep));
  }

  @Override
  public DeviceTensor upload(int[] indices, int[] log2Dims, double[] re, double[] im) {
    return marked("upload", () -> gpu.upload(indices, log2Dims, re, im));
  }

  @Override
  public DeviceTensor permute(DeviceTensor t, int[] order) { return marked("permute", () -> gpu.permute(t, order)); }

  @Override
  public void accumulate(DeviceTensor sum, DeviceTensor term) {
    marked("accumulate", () -> {
      gpu.accumulate(sum, term);
      return null;
    });
  }

  @Override
  public HostTensor download(DeviceTensor t) { return marked("download", () -> gpu.download(t)); }

  /**
   * Per kind of call: calls, device idle before them and time between their own events, as
   * lines; then the totals. Synchronizes and frees the events.
   */
  List<String> report(long slices) {
    gpu.synchronize();
    Map<String, double[]> byCall = new LinkedHashMap<>();
    float[] ms = new float[1];
    double idle = 0;
    double within = 0;
    for (int i = 0; i < marks.size(); i++) {
      Mark m = marks.get(i);
      double[] sums = byCall.computeIfAbsent(m.call(), k -> new double[4]);
      sums[0]++;
      sums[3] += m.hostNanos() / 1e6;
      if (i > 0) {
        cuEventElapsedTime(ms, marks.get(i - 1).after(), m.before());
        sums[1] += ms[0];
        idle += ms[0];
      }
      cuEventElapsedTime(ms, m.before(), m.after());
      sums[2] += ms[0];
      within += ms[0];
    }
    List<String> slowest = marks.stream().sorted(Comparator.comparingLong(Mark::hostNanos).reversed()).limit(12)
        .map(m -> String.format(Locale.ROOT, "  host %8.3f ms  %s %s", m.hostNanos() / 1e6, m.call(), m.shape())).toList();
    for (Mark m : marks) {
      cuEventDestroy(m.before());
      cuEventDestroy(m.after());
    }
    marks.clear();
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "idle profile over %d slices: device idle between calls %.2f ms a slice, "
        + "in calls %.2f ms a slice", slices, idle / slices, within / slices));
    byCall.entrySet().stream().sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[1]))
        .forEach(e -> lines.add(String.format(Locale.ROOT, "  %-34s %6.1f calls, idle before them %6.3f ms, in them %7.3f ms, "
            + "host in them %7.3f ms (a slice)", e.getKey(), e.getValue()[0] / slices, e.getValue()[1] / slices,
            e.getValue()[2] / slices, e.getValue()[3] / slices)));
    lines.add("slowest calls on the host:");
    lines.addAll(slowest);
    return lines;
  }
}
