package io.canopy.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples one GPU's board power while a task runs ({@code nvidia-smi --query-gpu=power.draw} every
 * 100 ms, in a child process) and integrates it over the task's time (trapezoids, the first and
 * last samples held flat to the task's ends). Where nvidia-smi is missing, measures nothing.
 */
final class GpuPowerMeter implements AutoCloseable {
  private static final int INTERVAL_MS = 100;

  private final Process process;
  private final Thread reader;
  private final List<long[]> samples = new ArrayList<>(); // {nanoTime, milliwatts}
  private final long startNanos = System.nanoTime();

  private GpuPowerMeter(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "gpu-power-meter");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Starts sampling GPU {@code gpu} (nvidia-smi index), or returns null where that is impossible. */
  static GpuPowerMeter start(String gpu) {
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=power.draw", "--format=csv,noheader,nounits",
          "-i", gpu, "-lms", String.valueOf(INTERVAL_MS)).redirectErrorStream(true).start();
      return new GpuPowerMeter(p);
    } catch (IOException e) {
      return null;
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        try {
          double watts = Double.parseDouble(line.trim());
          synchronized (samples) {
            samples.add(new long[] {System.nanoTime(), Math.round(watts * 1000)});
          }
        } catch (NumberFormatException e) {
          // "[N/A]" or a message: not a sample
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Stops sampling; the energy in joules since the start, or NaN if no sample arrived. */
  double stopJoules() {
    long end = System.nanoTime();
    process.destroy();
    try {
      reader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (samples) {
      long[] t = new long[samples.size()];
      double[] w = new double[samples.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = samples.get(i)[0];
        w[i] = samples.get(i)[1] / 1000.0;
      }
      return integrate(t, w, startNanos, end);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }

  /**
   * Energy in joules of power samples {@code watts[i]} taken at {@code nanos[i]} (increasing)
   * over {@code [from, to]}: trapezoids between samples, the first and last held flat to the
   * interval's ends. NaN without samples.
   */
  static double integrate(long[] nanos, double[] watts, long from, long to) {
    if (nanos.length == 0 || to <= from) return Double.NaN;
    double joules = watts[0] * Math.max(0, nanos[0] - from) / 1e9;
    for (int i = 1; i < nanos.length; i++) {
      joules += 0.5 * (watts[i - 1] + watts[i]) * (nanos[i] - nanos[i - 1]) / 1e9;
    }
    joules += watts[nanos.length - 1] * Math.max(0, to - nanos[nanos.length - 1]) / 1e9;
    return joules;
  }
}
