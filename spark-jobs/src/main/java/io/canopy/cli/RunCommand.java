package io.canopy.cli;

import io.canopy.contractor.NetworkProblems;
import io.canopy.contractor.Precision;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.Plan;
import io.canopy.results.AmplitudeTable;
import io.canopy.spark.AmplitudeAssembly;
import io.canopy.spark.AmplitudeRun;
import io.canopy.spark.Checkpoints;
import io.canopy.spark.RunIdentity;
import io.canopy.spark.AmplitudeTask;
import io.canopy.spark.Backends;
import io.canopy.spark.ProgressPrinter;
import io.canopy.spark.SparkContexts;
import io.canopy.spark.SubspaceNetworks;
import io.canopy.store.Storage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code canopy run}: amplitudes by sliced tensor-network contraction on Spark. Reads and checks
 * every input before Spark starts, so bad input costs nothing and leaves nothing behind.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Compute amplitudes by sliced tensor-network contraction on Spark.",
        "Writes DIR/amplitudes.csv (bitstring,real,imag[,subspace]), DIR/run.json and DIR/report.html."})
final class RunCommand implements Callable<Integer> {

  @Mixin CircuitOption circuit;

  @Mixin BitstringOptions bitstrings;

  @Mixin PlanningOptions planning;

  @Option(names = "--open", paramLabel = "q,q,...",
      description = "Open qubits: compute all 2^k amplitudes over them for each closed bitstring (a correlated subspace).")
  String open;

  @Option(names = "--plan", paramLabel = "FILE", description = "Plan from 'canopy plan'; without it the run plans first.")
  String planFile;

  /** --master inprocess[N]: contract in this JVM on N threads (default 1, * = all cores), without Spark. */
  private static final java.util.regex.Pattern INPROCESS = java.util.regex.Pattern.compile("inprocess(?:\\[(\\d+|\\*)])?");

  @Option(names = "--master",
      description = {"Spark master URL (default: spark-submit's, else local[*]),",
          "or inprocess[N] to contract in this JVM on N threads without Spark (to measure Spark's overhead)."})
  String master;

  @Option(names = "--backend", defaultValue = "cpu",
      description = "Contraction backend: cpu (default) or gpu (one GPU per Spark task).")
  String backend;

  @Option(names = "--precision",
      description = "complex128 (cpu only; the cpu default), complex64 (the gpu default), or complex-half (gpu only).")
  String precision;

  @Option(names = "--slices-per-task", paramLabel = "N",
      description = "Slices contracted by one Spark task (default: enough tasks to keep every core busy four times over).")
  Long slicesPerTask;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting; repeatable.")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  @Option(names = "--verify", description = "Also compute the amplitudes with the state-vector simulator (up to 30 qubits) and report the largest relative error.")
  boolean verify;

  @Option(names = "--inject-failures", paramLabel = "FRACTION", defaultValue = "0",
      description = "Testing aid: make the first attempt of this fraction of tasks fail on purpose (use a master "
          + "that retries, e.g. local[2,3]); the result must not change.")
  double failureFraction;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (local path or hdfs://).")
  String out;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Storage storage = new Storage();
    CircuitInput.Named named = circuit.read(storage);
    int numQubits = named.circuit().numQubits();
    int[] openQubits = OpenQubits.parse(open, numQubits);
    List<String> closed = bitstrings.read(storage, numQubits);
    String backendName = Backends.checkName(backend);
    Precision prec = precision != null ? Precision.parse(precision)
        : backendName.equals("cpu") ? Precision.COMPLEX128 : Precision.COMPLEX64;
    checkOptions(numQubits, backendName, prec);
    RunOutput output = RunOutput.prepare(storage, out);

    ContractionProblem problem = NetworkProblems.of(SubspaceNetworks.build(named.circuit(), closed.get(0), openQubits));
    Planning.Planned planned = planFile != null
        ? Planning.read(storage, planFile, problem)
        : planning.plan(problem, System.err);
    Plan plan = planned.plan();
    System.err.println("plan: " + plan.stats());
    AmplitudeTask task = new AmplitudeTask(named.circuit(), closed, openQubits, plan, backendName, prec);
    Long perTask = slicesPerTaskResuming(output, task);

    ProgressPrinter progress = new ProgressPrinter(System.err, System.console() != null, "contracting:");
    long contractStart = System.nanoTime();
    Contracted contracted = contract(task, perTask, output, progress, named.name());
    double contractSeconds = (System.nanoTime() - contractStart) / 1e9;
    AmplitudeRun.Outcome result = contracted.outcome();
    for (Checkpoints.Invalid bad : result.discarded()) {
      System.err.println("checkpoint " + bad.file() + " discarded and recomputed: " + bad.reason());
    }
    if (result.resumedRanges() > 0) {
      System.err.println("resumed " + result.resumedRanges() + " finished slice range(s) from checkpoints");
    }
    AmplitudeTable amplitudes = AmplitudeAssembly.assemble(closed, openQubits, result.amplitudes());

    RunJson record = new RunJson(named, plan, planned, backendName, prec, contracted.master(), openQubits, closed.size());
    record.contraction(result, contracted.slicesPerTask(), contractSeconds);
    if (verify) record.verification(StateVectorCheck.compare(named.circuit(), amplitudes));
    record.totalSeconds((System.nanoTime() - start) / 1e9);
    output.write(amplitudes, record);
    output.printSummary(System.out, amplitudes, record);
    return 0;
  }

  private void checkOptions(int numQubits, String backendName, Precision prec) {
    if (backendName.equals("cpu") && prec == Precision.COMPLEX_HALF) {
      throw new IllegalArgumentException("--precision complex-half needs --backend gpu");
    }
    if (backendName.equals("gpu") && prec == Precision.COMPLEX128) {
      throw new IllegalArgumentException("--backend gpu contracts in complex64 or complex-half, not complex128");
    }
    if (!(failureFraction >= 0 && failureFraction < 1)) {
      throw new IllegalArgumentException("--inject-failures must be in [0, 1), got " + failureFraction);
    }
    if (slicesPerTask != null && slicesPerTask < 1) {
      throw new IllegalArgumentException("--slices-per-task must be at least 1, got " + slicesPerTask);
    }
    if (verify && numQubits > StateVectorCheck.MAX_QUBITS) {
      throw new IllegalArgumentException("--verify: " + numQubits + " qubits is beyond the state vector's "
          + StateVectorCheck.MAX_QUBITS);
    }
  }

  /**
   * Slices per task: as given, else as the checkpoints in --out were cut (so resumed ranges
   * match), else null (chosen once the parallelism is known). Refuses an --out holding another
   * run's checkpoints.
   */
  private Long slicesPerTaskResuming(RunOutput output, AmplitudeTask task) throws java.io.IOException {
    RunIdentity previous = output.previousIdentity();
    if (previous == null) return slicesPerTask;
    if (slicesPerTask != null && previous.slicesPerTask() != slicesPerTask) {
      throw new IllegalArgumentException("--out " + out + " holds checkpoints cut into " + previous.slicesPerTask()
          + " slices per task; rerun with that --slices-per-task or another --out");
    }
    String diff = previous.differences(RunIdentity.of(task, previous.slicesPerTask()));
    if (!diff.isEmpty()) {
      throw new IllegalArgumentException("--out " + out + " holds checkpoints of another run (" + diff
          + " differ); use another --out or delete it");
    }
    return previous.slicesPerTask();
  }

  private record Contracted(AmplitudeRun.Outcome outcome, String master, long slicesPerTask) {}

  /** Contracts in this JVM (--master inprocess[N]) or on Spark: spark-submit's master, else local[*]. */
  private Contracted contract(AmplitudeTask task, Long perTask, RunOutput output, ProgressPrinter progress,
      String name) throws java.io.IOException {
    long numSlices = task.plan().numSlices();
    int subspaces = task.numSubspaces();
    String submitted = System.getProperty("spark.master");
    String sparkMaster = master != null ? master : submitted != null ? null : "local[*]";
    java.util.regex.Matcher inprocess = INPROCESS.matcher(sparkMaster == null ? "" : sparkMaster);
    if (inprocess.matches()) {
      String t = inprocess.group(1);
      int threads = t == null ? 1 : t.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(t);
      if (threads < 1) throw new IllegalArgumentException("--master " + master + ": at least one thread");
      RunIdentity id = RunIdentity.of(task, perTask != null ? perTask : defaultSlicesPerTask(numSlices, subspaces, threads));
      return new Contracted(AmplitudeRun.execute(null, threads, task, id.slicesPerTask(), output.checkpoints(id),
          failureFraction, progress), sparkMaster, id.slicesPerTask());
    }
    try (JavaSparkContext sc = SparkContexts.create("canopy run " + name, sparkMaster, sparkConf)) {
      RunIdentity id = RunIdentity.of(task, perTask != null ? perTask
          : defaultSlicesPerTask(numSlices, subspaces, sc.defaultParallelism()));
      return new Contracted(AmplitudeRun.execute(sc, task, id.slicesPerTask(), output.checkpoints(id),
          failureFraction, progress), sc.master(), id.slicesPerTask());
    }
  }

  /** Four tasks per core keep cores busy while tasks of unequal length finish. */
  private static long defaultSlicesPerTask(long numSlices, int subspaces, int cores) {
    long tasksWanted = 4L * cores;
    long perSubspace = Math.max(1, (tasksWanted + subspaces - 1) / subspaces);
    return Math.max(1, (numSlices + perSubspace - 1) / perSubspace);
  }
}
