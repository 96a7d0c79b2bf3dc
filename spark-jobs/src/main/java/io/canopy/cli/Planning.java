package io.canopy.cli;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.io.PlanFile;
import io.canopy.store.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import org.apache.hadoop.fs.Path;

/** Planning as the commands use it: read a plan file and check it, or run the planner with progress. */
final class Planning {
  /** Slice numbers are longs in tasks, checkpoints and the plan's slice count. */
  private static final int MAX_LOG2_SLICES = 62;

  private Planning() {}

  /** A plan with where it came from and how long planning took (0 for a plan read from a file). */
  record Planned(Plan plan, String source, double seconds) {}

  static Planned read(Storage storage, String location, ContractionProblem network) throws IOException {
    Path path = storage.resolve(location);
    if (!storage.isFile(path)) throw new IllegalArgumentException(location + ": no such plan file");
    Plan plan;
    try (InputStream in = storage.open(path)) {
      plan = PlanFile.read(in, location);
    }
    try {
      plan.checkFor(network);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(location + ": " + e.getMessage(), e);
    }
    return new Planned(plan, location, 0);
  }

  static Planned plan(ContractionProblem network, PlannerOptions options, PrintStream progressOut) {
    long start = System.nanoTime();
    Plan plan = Planner.plan(network, options, progress(progressOut));
    int log2Slices = plan.tree().log2NumSlices();
    if (log2Slices > MAX_LOG2_SLICES) {
      throw new IllegalArgumentException("slicing target 2^" + options.targetLog2Size().getAsInt() + " needs 2^"
          + log2Slices + " slices, more than the 2^" + MAX_LOG2_SLICES + " a run can count: choose a larger target");
    }
    return new Planned(plan, "planned: " + options, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Largest intermediate (log2 elements) that lets a contraction run in {@code bytes} of device
   * memory at {@code bytesPerElement}: a pairwise step holds its two operands, its output and a
   * permutation buffer at once, all at most the largest intermediate, hence the factor 4.
   */
  static int targetForMemory(long bytes, int bytesPerElement) {
    long elements = bytes / (4L * bytesPerElement);
    if (elements < 2) throw new IllegalArgumentException("--gpu-memory " + bytes + " bytes is too small for any plan");
    return 63 - Long.numberOfLeadingZeros(elements);
  }

  private static PlanProgress progress(PrintStream out) {
    if (out == null) return PlanProgress.NONE;
    boolean terminal = System.console() != null;
    long[] lastLine = {0};
    return (trials, bestFlops, bestSize, elapsed) -> {
      long now = System.nanoTime();
      if (!terminal && now - lastLine[0] < 5_000_000_000L) return;
      lastLine[0] = now;
      String line = String.format("planning: %d trials, best log10 cost %.3f, log2 size %d, elapsed %.1fs",
          trials, bestFlops, bestSize, elapsed);
      out.print(terminal ? "\r" + line : line + "\n");
      out.flush();
    };
  }
}
