package io.canopy.spark;

import java.io.PrintStream;

/**
 * Shows slices done / total, rate and ETA: a redrawn bar on a terminal, plain lines at most every
 * few seconds otherwise (logs, CI), so long runs show life without flooding output.
 */
public final class ProgressPrinter {
  private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private final String label;
  private final long startNanos = System.nanoTime();
  private long lastLineNanos;
  /** Slices done before this process started (resumed from checkpoints): the first count seen. */
  private long resumed = -1;

  public ProgressPrinter(PrintStream out, boolean terminal, String label) {
    this.out = out;
    this.terminal = terminal;
    this.label = label;
  }

  /** A printer that shows nothing (tests, library use). */
  public static ProgressPrinter silent() {
    return new ProgressPrinter(null, false, "");
  }

  /**
   * Called from any thread with the slices done so far; the first call's count is what a resumed
   * run found done, which the rate and ETA leave out.
   */
  public synchronized void update(long done, long total) {
    if (resumed < 0) resumed = done;
    if (out == null) return;
    long now = System.nanoTime();
    boolean finished = done >= total;
    if (!terminal && !finished && now - lastLineNanos < LINE_INTERVAL_NANOS) return;
    lastLineNanos = now;
    double elapsed = (now - startNanos) / 1e9;
    double rate = elapsed > 0 ? (done - resumed) / elapsed : 0;
    String eta = rate > 0 && !finished ? formatSeconds((total - done) / rate) : "-";
    String line = String.format("%s %d/%d slices (%.1f%%%s), %.2f slices/s, elapsed %s, ETA %s",
        label, done, total, 100.0 * done / Math.max(1, total), resumed > 0 ? ", " + resumed + " resumed" : "",
        rate, formatSeconds(elapsed), eta);
    if (terminal) {
      int width = 30;
      int filled = (int) Math.round(width * (double) done / Math.max(1, total));
      out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + line);
      if (finished) out.println();
    } else {
      out.println(line);
    }
    out.flush();
  }

  static String formatSeconds(double s) {
    if (s < 60) return String.format("%.1fs", s);
    if (s < 3600) return String.format("%dm%02ds", (int) s / 60, (int) s % 60);
    return String.format("%dh%02dm", (int) s / 3600, ((int) s % 3600) / 60);
  }
}
