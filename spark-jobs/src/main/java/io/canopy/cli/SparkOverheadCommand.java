package io.canopy.cli;

import io.canopy.circuits.Bitstrings;
import io.canopy.contractor.NetworkProblems;
import io.canopy.contractor.Precision;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.spark.AmplitudeRun;
import io.canopy.spark.AmplitudeTask;
import io.canopy.spark.ProgressPrinter;
import io.canopy.spark.SparkContexts;
import io.canopy.spark.SubspaceNetworks;
import io.canopy.store.Storage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code canopy bench-spark}: what Spark costs on top of the contraction. Contracts the same
 * slices of the same plan in this JVM on N threads and on Spark local[N], alternating, and
 * prints both times and the overhead as a markdown table row.
 */
@Command(name = "bench-spark", mixinStandardHelpOptions = true,
    description = "Measure Spark's overhead: the same slices in-process on N threads vs Spark local[N].")
final class SparkOverheadCommand implements Callable<Integer> {

  @Mixin CircuitOption circuit;

  @Option(names = "--min-slices", defaultValue = "128", description = "At least this many slices (default ${DEFAULT-VALUE}).")
  int minSlices;

  @Option(names = "--slices-per-task", defaultValue = "4", description = "Slices per task (default ${DEFAULT-VALUE}).")
  long slicesPerTask;

  @Option(names = "--threads", defaultValue = "2", description = "N: threads and Spark local[N] (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--repeats", defaultValue = "3", description = "Runs of each, alternating; the best counts (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--precision", defaultValue = "complex64", description = "complex64 (default) or complex128.")
  String precision;

  @Override
  public Integer call() throws Exception {
    CircuitInput.Named named = circuit.read(new Storage());
    List<String> bits = Bitstrings.random(named.circuit().numQubits(), 1, 1);
    ContractionProblem problem = NetworkProblems.of(SubspaceNetworks.build(named.circuit(), bits.get(0), new int[0]));
    PlannerOptions.Builder opts = PlannerOptions.builder().trials(16).threads(threads).seed(1);
    Plan unsliced = Planner.plan(problem, opts.build(), PlanProgress.NONE);
    int log2Slices = 32 - Integer.numberOfLeadingZeros(Math.max(1, minSlices - 1));
    Plan plan = Planner.plan(problem,
        opts.targetLog2Size(Math.max(1, unsliced.stats().log2MaxSize() - log2Slices)).build(), PlanProgress.NONE);
    AmplitudeTask task = new AmplitudeTask(named.circuit(), bits, new int[0], plan, "cpu", Precision.parse(precision));
    System.err.printf("plan: %s%n", plan.stats());

    double bestLocal = Double.MAX_VALUE;
    double bestSpark = Double.MAX_VALUE;
    try (JavaSparkContext sc = SparkContexts.create("canopy bench-spark", "local[" + threads + "]", Map.of())) {
      AmplitudeRun.execute(sc, task, slicesPerTask, null, 0, ProgressPrinter.silent()); // warm-up: natives, JIT
      AmplitudeRun.execute(null, threads, task, slicesPerTask, null, 0, ProgressPrinter.silent());
      for (int r = 0; r < repeats; r++) {
        bestLocal = Math.min(bestLocal, time(() -> AmplitudeRun.execute(null, threads, task, slicesPerTask, null, 0,
            ProgressPrinter.silent())));
        bestSpark = Math.min(bestSpark, time(() -> AmplitudeRun.execute(sc, task, slicesPerTask, null, 0,
            ProgressPrinter.silent())));
      }
    }
    long tasks = (plan.numSlices() + slicesPerTask - 1) / slicesPerTask;
    System.out.println("| circuit | slices | tasks | in-process " + threads + " threads (s) | Spark local["
        + threads + "] (s) | overhead |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.printf("| %s | %d | %d | %.2f | %.2f | %+.1f%% |%n", named.name(), plan.numSlices(), tasks,
        bestLocal, bestSpark, 100 * (bestSpark / bestLocal - 1));
    return 0;
  }

  private interface Run {
    void run() throws Exception;
  }

  private static double time(Run r) throws Exception {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1e9;
  }
}
