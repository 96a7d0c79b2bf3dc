package io.canopy.cli;

import io.canopy.circuits.network.TensorNetwork;
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

  @Option(names = "--circuit", paramLabel = "FILE",
      description = "qsim circuit file (local path or hdfs://). Default: the embedded 20-qubit Sycamore-like circuit.")
  String circuit;

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

  @Option(names = "--backend", defaultValue = "cpu", description = "Contraction backend: cpu (default).")
  String backend;

  @Option(names = "--precision", defaultValue = "complex128",
      description = "complex128 (default) or complex64.")
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
    CircuitInput.Named named = CircuitInput.read(storage, circuit);
    int n = named.circuit().numQubits();
    int[] openQubits = OpenQubits.parse(open, n);
    List<String> closed = bitstrings.read(storage, n);
    Precision prec = Precision.parse(precision);
    String backendName = Backends.checkName(backend);
    if (!(failureFraction >= 0 && failureFraction < 1)) {
      throw new IllegalArgumentException("--inject-failures must be in [0, 1), got " + failureFraction);
    }
    if (slicesPerTask != null && slicesPerTask < 1) {
      throw new IllegalArgumentException("--slices-per-task must be at least 1, got " + slicesPerTask);
    }
    if (verify && n > StateVectorCheck.MAX_QUBITS) {
      throw new IllegalArgumentException("--verify: " + n + " qubits is beyond the state vector's "
          + StateVectorCheck.MAX_QUBITS);
    }
    RunOutput output = RunOutput.prepare(storage, out);

    TensorNetwork network = SubspaceNetworks.build(named.circuit(), closed.get(0), openQubits);
    ContractionProblem problem = NetworkProblems.of(network);
    Planning.Planned planned = planFile != null
        ? Planning.read(storage, planFile, problem)
        : planning.plan(problem, System.err);
    Plan plan = planned.plan();
    System.err.println("plan: " + plan.stats());

    AmplitudeTask task = new AmplitudeTask(named.circuit(), closed, openQubits, plan, backendName, prec);
    RunIdentity previous = output.previousIdentity();
    if (previous != null && slicesPerTask != null && previous.slicesPerTask() != slicesPerTask) {
      throw new IllegalArgumentException("--out " + out + " holds checkpoints cut into " + previous.slicesPerTask()
          + " slices per task; rerun with that --slices-per-task or another --out");
    }
    Long perTask = slicesPerTask != null ? slicesPerTask : previous != null ? previous.slicesPerTask() : null;
    if (previous != null) {
      String diff = previous.differences(RunIdentity.of(task, perTask));
      if (!diff.isEmpty()) {
        throw new IllegalArgumentException("--out " + out + " holds checkpoints of another run (" + diff
            + " differ); use another --out or delete it");
      }
    }

    ProgressPrinter progress = new ProgressPrinter(System.err, System.console() != null, "contracting:");
    long contractStart = System.nanoTime();
    AmplitudeRun.Outcome result;
    RunIdentity identity;
    // Under spark-submit the master comes from its system properties; a plain launch runs locally.
    String sparkMaster = master != null ? master : System.getProperty("spark.master") != null ? null : "local[*]";
    String masterLabel = sparkMaster != null ? sparkMaster : System.getProperty("spark.master");
    java.util.regex.Matcher inprocess = INPROCESS.matcher(sparkMaster == null ? "" : sparkMaster);
    if (inprocess.matches()) {
      String n = inprocess.group(1);
      int threads = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
      if (threads < 1) throw new IllegalArgumentException("--master " + master + ": at least one thread");
      identity = RunIdentity.of(task, perTask != null ? perTask : defaultSlicesPerTask(plan.numSlices(), closed.size(),
          threads));
      result = AmplitudeRun.execute(null, threads, task, identity.slicesPerTask(), output.checkpoints(identity),
          failureFraction, progress);
    } else {
      try (JavaSparkContext sc = SparkContexts.create("canopy run " + named.name(), sparkMaster, sparkConf)) {
        identity = RunIdentity.of(task, perTask != null ? perTask
            : defaultSlicesPerTask(plan.numSlices(), closed.size(), sc.defaultParallelism()));
        result = AmplitudeRun.execute(sc, task, identity.slicesPerTask(), output.checkpoints(identity),
            failureFraction, progress);
      }
    }
    double contractSeconds = (System.nanoTime() - contractStart) / 1e9;
    for (Checkpoints.Invalid bad : result.discarded()) {
      System.err.println("checkpoint " + bad.file() + " discarded and recomputed: " + bad.reason());
    }
    if (result.resumedRanges() > 0) {
      System.err.println("resumed " + result.resumedRanges() + " finished slice range(s) from checkpoints");
    }
    AmplitudeTable amplitudes = AmplitudeAssembly.assemble(closed, openQubits, result.amplitudes());

    RunRecord record = new RunRecord(named, plan, planned, backendName, prec, masterLabel, openQubits, closed.size());
    record.contraction(result, identity.slicesPerTask(), contractSeconds);
    if (verify) record.verification(StateVectorCheck.compare(named.circuit(), amplitudes));
    record.totalSeconds((System.nanoTime() - start) / 1e9);
    output.write(amplitudes, record);
    output.printSummary(System.out, amplitudes, record);
    return 0;
  }

  /** Four tasks per core keep cores busy while tasks of unequal length finish. */
  private static long defaultSlicesPerTask(long numSlices, int subspaces, int cores) {
    long tasksWanted = 4L * cores;
    long perSubspace = Math.max(1, (tasksWanted + subspaces - 1) / subspaces);
    return Math.max(1, (numSlices + perSubspace - 1) / perSubspace);
  }
}
