package io.canopy.cuda.bench;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.circuits.qsim.QsimReader;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.NetworkProblems;
import io.canopy.contractor.Precision;
import io.canopy.contractor.SliceContractor;
import io.canopy.cuda.ComplexProduct;
import io.canopy.cuda.CudaBackend;
import io.canopy.cuda.CudaDevice;
import io.canopy.cuda.CudaNatives;
import io.canopy.cuda.DeviceCeilings;
import io.canopy.cuda.PermutationBandwidth;
import io.canopy.cuda.layout.SmallOperandTile;
import io.canopy.cuda.memory.MemoryPlan;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.SmallOperandFusion;
import io.canopy.planner.io.PlanFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code canopy bench}: times real slices of a plan on the GPU and sets them against what the
 * device can do, measured in the same process (fp16 and fp32 GEMM rates, copy bandwidth).
 * Reports per precision the time per slice, TFLOP/s (8 real flops per complex multiply-add), the
 * fraction of the GEMM ceiling, peak device memory, the roofline floor per slice and floor/time;
 * and the agreement of complex-half with complex64 on a sample of slices. It also measures the
 * permutation kernel's bandwidth on large tensors against the copy bandwidth, and times the slices
 * again with synchronous uploads to show what the second upload stream saves. Needs no Spark: it runs
 * from the cuda module's class path alone, as its own program or as a subcommand of the CLI.
 *
 * <p>With {@code --plan-only} it plans the circuit's network instead (on the CPU) and writes the
 * plan file, so plans can be made where CPUs are plentiful and carried to the GPU host.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time slices of a plan on the GPU against the device's measured GEMM and copy ceilings.")
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--backend", defaultValue = "gpu", description = "Backend to time (only gpu).")
  String backend;

  @Option(names = "--circuit", required = true, description = "Circuit file (qsim format).")
  Path circuitFile;

  @Option(names = "--plan", required = true, description = "Plan file (JSON); written with --plan-only.")
  Path planFile;

  @Option(names = "--slices", defaultValue = "8", description = "Slices to time (default ${DEFAULT-VALUE}).")
  int slices;

  @Option(names = "--first-slice", defaultValue = "0", description = "First slice id timed.")
  long firstSlice;

  @Option(names = "--precision", defaultValue = "complex-half",
      description = "complex-half (also times complex64, the reference) or complex64.")
  String precisionLabel;

  @Option(names = "--product", defaultValue = "mixed",
      description = "Complex product: mixed (3m for long contracted dimensions, 4m for short; default), 3m (Gauss) or 4m (block form).")
  String productLabel;

  @Option(names = "--tf32", description = "Let complex64 GEMMs use TF32 tensor cores.")
  boolean tf32;

  @Option(names = "--no-small-operand-kernel",
      description = "Run contractions with a small operand through cuBLAS too (to compare with the one-pass kernel).")
  boolean noSmallOperandKernel;

  @Option(names = "--no-small-operand-tensor-cores",
      description = "Run the small-operand kernel on the CUDA cores only (to compare with its tensor-core forms).")
  boolean noSmallOperandTensorCores;

  @Option(names = "--no-deferred-checks",
      description = "Read each complex-half step's check on the host at once instead of leaving small-operand and "
          + "small GEMM steps' checks on the device until a number is needed (to compare).")
  boolean noDeferredChecks;

  @Option(names = "--device", defaultValue = "0", description = "CUDA device index.")
  int deviceIndex;

  @Option(names = "--open", split = ",", description = "Open qubits (batch of amplitudes); default none.")
  int[] openQubits = new int[0];

  @Option(names = "--bitstring", description = "Bitstring of the closed qubits (default all zeros).")
  String bitstring;

  @Option(names = "--no-reference", description = "With complex-half, skip timing complex64 and the comparison.")
  boolean noReference;

  @Option(names = "--fidelity-slices", defaultValue = "4",
      description = "Slices on which complex-half is compared with complex64 (default ${DEFAULT-VALUE}).")
  int fidelitySlices;

  @Option(names = "--profile-steps", defaultValue = "0",
      description = "Also profile one slice and print its N slowest contractions (0: no profile).")
  int profileSteps;

  @Option(names = "--idle-profile",
      description = "Also contract the timed slices once more with CUDA events around every backend call and print "
          + "how long the device waited for the host, per kind of call.")
  boolean idleProfile;

  @Option(names = "--permutation-log2", split = ",", defaultValue = "28,30",
      description = "Tensor sizes (log2 complex elements) of the permutation bandwidth table (default ${DEFAULT-VALUE}).")
  int[] permutationLog2;

  @Option(names = "--no-permutation-bench", description = "Skip the permutation bandwidth table.")
  boolean noPermutationBench;

  @Option(names = "--no-overlap-compare",
      description = "Skip timing the slices again with synchronous uploads (the overlap comparison).")
  boolean noOverlapCompare;

  @Option(names = "--json", description = "Also write the results as JSON to this file.")
  Path jsonFile;

  @Option(names = "--plan-only", description = "Plan the network on the CPU, write --plan and stop.")
  boolean planOnly;

  @Option(names = "--target-log2-size", description = "With --plan-only: largest intermediate, log2 elements.")
  Integer targetLog2Size;

  @Option(names = "--plan-seconds", defaultValue = "120", description = "With --plan-only: planning time.")
  double planSeconds;

  @Option(names = "--plan-threads", description = "With --plan-only: planner threads (default all cores).")
  Integer planThreads;

  @Option(names = "--seed", defaultValue = "1", description = "With --plan-only: planner seed.")
  long seed;

  @Option(names = "--fuse-small-operands", paramLabel = "auto|off|K", defaultValue = "auto",
      description = "Contract runs of small operands applied to one large tensor with each other first "
          + "(SmallOperandFusion): auto (the GPU backend's limits for the precision), off (the plan's tree as it "
          + "is), or K (up to 2^K elements contracted with the large one). Rates count the plan's own "
          + "multiply-adds, the floor the fused tree's work (default ${DEFAULT-VALUE}).")
  String fusion;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final PrintStream out = System.out;
  /** The device's ceilings, measured once before any run. */
  private DeviceCeilings ceilings;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command with one-line error reporting (bad input, no GPU, a plan that does not fit). */
  public static CommandLine commandLine() {
    return new CommandLine(new BenchCommand()).setExecutionExceptionHandler((e, cl, parsed) -> {
      cl.getErr().println("bench: " + e.getMessage());
      return 1;
    });
  }

  @Override
  public Integer call() throws IOException {
    if (!backend.equals("gpu")) throw new CommandLine.ParameterException(spec.commandLine(),
        "--backend " + backend + ": bench times the GPU backend only (gpu)");
    if (!fusion.equals("auto") && !fusion.equals("off")) parseContractedLog2();
    Circuit circuit = QsimReader.read(circuitFile);
    String closed = bitstring != null ? bitstring : "0".repeat(circuit.numQubits());
    TensorNetwork network = NetworkSimplifier.simplify(NetworkBuilder.batch(circuit, closed, openQubits));
    if (planOnly) return plan(network);

    Plan plan;
    try (InputStream in = Files.newInputStream(planFile)) {
      plan = PlanFile.read(in, planFile.toString());
    }
    plan.checkFor(NetworkProblems.of(network));
    Precision precision = Precision.parse(precisionLabel);
    ComplexProduct product = ComplexProduct.parse(productLabel);
    long count = Math.min(slices, plan.numSlices() - firstSlice);
    if (count < 1) throw new IllegalArgumentException("--first-slice " + firstSlice + " is past the plan's " + plan.numSlices() + " slices");
    CudaNatives.require();

    BenchReport report = new BenchReport(circuitFile.getFileName().toString(), plan, product, count, firstSlice);
    try (CudaDevice device = new CudaDevice(deviceIndex)) {
      report.device(device.name(), device.computeCapability(), device.totalMemory(), CudaDevice.driverVersion());
      out.println(report.deviceLine());
      ceilings = DeviceCeilings.measure(device, tf32);
      report.ceilings(ceilings);
      out.println(report.ceilingsLine());
      if (!noPermutationBench) {
        report.permutations(PermutationBandwidth.measure(device, permutationLog2));
        report.permutationLines().forEach(out::println);
      }
      out.println(report.planLine());
      List<Precision> runs = precision == Precision.COMPLEX_HALF && !noReference
          ? List.of(Precision.COMPLEX_HALF, Precision.COMPLEX64) : List.of(precision);
      List<List<HostTensor>> samples = new ArrayList<>();
      List<HostTensor> sums = new ArrayList<>();
      for (Precision p : runs) {
        Plan executed = executed(plan, p, report);
        RunResult r = time(network, executed, p, product, count, true, samples);
        sums.add(r.sum());
        report.run(p, r.seconds(), r.peakBytes(), r.poolBytes(), r.fallbacks());
        out.println(report.runLine(p));
        if (!noOverlapCompare) {
          RunResult sync = time(network, executed, p, product, count, false, null);
          report.overlap(p, r.seconds(), sync.seconds(), r.uploadedBytes() / count);
          out.println(report.overlapLine(p));
        }
      }
      if (runs.size() == 2 && fidelitySlices > 0) {
        report.agreement(agreement(samples.get(0), samples.get(1)), agreement(List.of(sums.get(0)), List.of(sums.get(1))),
            samples.get(0).size());
        out.println(report.agreementLine());
      }
    }
    if (jsonFile != null) Files.writeString(jsonFile, report.json());
    return 0;
  }

  /** The result of timing one precision. */
  private record RunResult(double seconds, long peakBytes, long poolBytes, long fallbacks, long uploadedBytes,
      HostTensor sum) {}

  /** The plan with this run's small-operand fusion applied, reported on a line of its own. */
  private Plan executed(Plan plan, Precision p, BenchReport report) {
    Optional<SmallOperandFusion.Limits> limits = switch (fusion) {
      case "auto" -> CudaBackend.defaultFusion(p);
      case "off" -> Optional.empty();
      default -> Optional.of(new SmallOperandFusion.Limits(SmallOperandTile.MAX_SMALL_BITS,
          Math.min(parseContractedLog2(), SmallOperandTile.MAX_CONTRACTED_BITS), CudaBackend.FUSION_MIN_LARGE_LOG2));
    };
    if (limits.isEmpty()) {
      report.executed(p, plan, 0);
      return plan;
    }
    SmallOperandFusion.Result r = SmallOperandFusion.apply(plan.tree(), limits.get());
    Plan executed = r.applied(plan);
    report.executed(p, executed, r.fused());
    out.printf(Locale.ROOT, "%s: fused %d runs of small operands (up to 2^%d contracted): elements written per slice "
        + "10^%.3f -> 10^%.3f, multiply-adds per slice 10^%.3f -> 10^%.3f%n", p.label(), r.fused(),
        limits.get().maxContractedLog2(), Math.log10(plan.tree().writesPerSlice()), Math.log10(r.tree().writesPerSlice()),
        Math.log10(plan.tree().flopsPerSlice()), Math.log10(r.tree().flopsPerSlice()));
    return executed;
  }

  private int parseContractedLog2() {
    try {
      int k = Integer.parseInt(fusion);
      if (k >= 0) return k;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandLine.ParameterException(spec.commandLine(),
        "--fuse-small-operands " + fusion + ": expected auto, off or a number of contracted bits >= 0");
  }

  /**
   * Times {@code count} slices after a warm-up slice; with {@code samples} non-null also
   * contracts the fidelity slices one by one and adds their results.
   */
  private RunResult time(TensorNetwork network, Plan plan, Precision p, ComplexProduct product, long count,
      boolean overlapUploads, List<List<HostTensor>> samples) {
    MemoryPlan memory = MemoryPlan.of(plan, p, product).withResident(SliceCost.residentElements(plan.tree()), p);
    try (CudaBackend gpu = new CudaBackend(deviceIndex, p, memory, product, tf32)) {
      gpu.overlapUploads(overlapUploads);
      gpu.useSmallOperandKernel(!noSmallOperandKernel);
      gpu.useSmallOperandTensorCores(!noSmallOperandTensorCores);
      gpu.deferHalfChecks(!noDeferredChecks);
      // the plan given is already the one to execute
      gpu.fuseSmallOperands(Optional.empty());
      SliceContractor contractor = new SliceContractor(plan, gpu);
      // warm-up (module JIT, cuBLAS heuristics); a profile, if asked, of a slice after it, so that
      // no step carries its kernels' first-use costs
      contractor.contract(network, firstSlice, firstSlice + 1);
      if (profileSteps > 0) {
        StepProfile profile = new StepProfile(gpu, ceilings.copyBytesPerSecond());
        new SliceContractor(plan, profile).contract(network, firstSlice, firstSlice + 1);
        out.println(p.label() + " " + String.join("\n", profile.report(profileSteps)));
      }
      gpu.resetPeakMemory();
      long uploadedBefore = gpu.uploadedBytes();
      long t0 = System.nanoTime();
      HostTensor sum = contractor.contract(network, firstSlice, firstSlice + count, (slice, done, total) ->
          out.printf(Locale.ROOT, "  %s slice %d done, %.3f s since the range started%n", p.label(), slice,
              (System.nanoTime() - t0) / 1e9));
      double seconds = (System.nanoTime() - t0) / 1e9;
      long peak = gpu.peakMemory();
      long uploaded = gpu.uploadedBytes() - uploadedBefore;
      if (idleProfile) {
        IdleProfile idle = new IdleProfile(gpu);
        long i0 = System.nanoTime();
        new SliceContractor(plan, idle).contract(network, firstSlice, firstSlice + count);
        out.printf(Locale.ROOT, "%s profiled range: %.4f s a slice%n", p.label(), (System.nanoTime() - i0) / 1e9 / count);
        out.println(p.label() + " " + String.join("\n", idle.report(count)));
      }
      if (samples == null) return new RunResult(seconds, peak, gpu.poolCapacity(), gpu.halfFallbacks(), uploaded, sum);
      List<HostTensor> sample = new ArrayList<>();
      long sampled = Math.min(fidelitySlices, plan.numSlices() - firstSlice);
      for (long s = firstSlice; s < firstSlice + sampled; s++) sample.add(contractor.contract(network, s, s + 1));
      samples.add(sample);
      return new RunResult(seconds, peak, gpu.poolCapacity(), gpu.halfFallbacks(), uploaded, sum);
    }
  }

  private static Agreement agreement(List<HostTensor> a, List<HostTensor> b) {
    return Agreement.of(concat(a, true), concat(a, false), concat(b, true), concat(b, false));
  }

  private static double[] concat(List<HostTensor> parts, boolean real) {
    return parts.stream().flatMapToDouble(t -> Arrays.stream(real ? t.re() : t.im())).toArray();
  }

  private int plan(TensorNetwork network) throws IOException {
    if (targetLog2Size == null) throw new CommandLine.ParameterException(spec.commandLine(),
        "--plan-only needs --target-log2-size");
    PlannerOptions options = PlannerOptions.builder().targetLog2Size(targetLog2Size).timeSeconds(planSeconds)
        .threads(planThreads != null ? planThreads : Runtime.getRuntime().availableProcessors()).seed(seed).build();
    long[] lastPrint = {0};
    PlanProgress progress = (trials, log10Flops, log2Size, elapsed) -> {
      if (System.nanoTime() - lastPrint[0] > 10_000_000_000L) {
        lastPrint[0] = System.nanoTime();
        out.printf(Locale.ROOT, "  %5.0f s  %d trials  best log10 cost %.3f  log2 size %d%n", elapsed, trials, log10Flops, log2Size);
      }
    };
    Plan plan = Planner.plan(NetworkProblems.of(network), options, progress);
    try (OutputStream o = Files.newOutputStream(planFile)) {
      PlanFile.write(plan, o);
    }
    SliceCost cost = SliceCost.of(plan.tree(), plan.numSlices(), ComplexProduct.DEFAULT);
    out.printf(Locale.ROOT, "%s: %s; 10^%.2f multiply-adds per slice%n", planFile, plan.stats(), Math.log10(cost.multiplyAdds()));
    return 0;
  }
}
