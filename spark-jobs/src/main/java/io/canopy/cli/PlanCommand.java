package io.canopy.cli;

import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.contractor.NetworkProblems;
import io.canopy.contractor.Precision;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanStats;
import io.canopy.planner.io.PlanFile;
import io.canopy.spark.SubspaceNetworks;
import io.canopy.store.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code canopy plan}: find a sliced contraction tree for a circuit's amplitude network. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Plan the contraction of a circuit's amplitude network (optionally with open qubits),",
        "sliced to a target largest-intermediate size, and write the plan file."})
final class PlanCommand implements Callable<Integer> {

  @Option(names = "--circuit", required = true, paramLabel = "FILE", description = "qsim circuit file.")
  String circuit;

  @Option(names = "--open", paramLabel = "q,q,...", description = "Open qubits of the batch the plan is for.")
  String open;

  @Option(names = "--target-size-log2", paramLabel = "N",
      description = "Slice until the largest intermediate has at most 2^N elements.")
  Integer targetLog2;

  @Option(names = "--gpu-memory", paramLabel = "BYTES",
      description = "Instead of --target-size-log2: the device memory a slice must fit, e.g. 80G or 24GiB (with --precision).")
  String gpuMemory;

  @Option(names = "--precision", defaultValue = "complex-half",
      description = "Element size assumed with --gpu-memory: complex-half (default), complex64, complex128.")
  String precision;

  @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "10", description = "Time budget (default ${DEFAULT-VALUE}).")
  double time;

  @Option(names = "--trials", paramLabel = "N", description = "Stop after N trials.")
  Integer trials;

  @Option(names = "--threads", paramLabel = "N", description = "Planner threads (default: all cores).")
  Integer threads;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--objective", paramLabel = "OBJ", defaultValue = "flops",
      description = "flops (default), size, write, combo or combo:FACTOR.")
  String objective;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Plan file to write (JSON).")
  String output;

  @Override
  public Integer call() throws Exception {
    Storage storage = new Storage();
    CircuitInput.Named named = CircuitInput.read(storage, circuit);
    int[] openQubits = OpenQubits.parse(open, named.circuit().numQubits());
    Integer target = targetLog2;
    if (gpuMemory != null) {
      if (targetLog2 != null) throw new IllegalArgumentException("--gpu-memory and --target-size-log2 exclude each other");
      target = Planning.targetForMemory(ByteSizes.parse("--gpu-memory", gpuMemory),
          Precision.parse(precision).bytesPerElement());
    }
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    var options = PlanningOptions.build(target, time, trials, nThreads, seed, objective);
    String zeros = "0".repeat(named.circuit().numQubits());
    TensorNetwork raw = SubspaceNetworks.raw(named.circuit(), zeros, openQubits);
    TensorNetwork network = NetworkSimplifier.simplify(raw);
    Planning.Planned planned = Planning.plan(NetworkProblems.of(network), options, System.err);
    Plan plan = planned.plan();
    storage.writeAtomically(storage.resolve(output), out -> PlanFile.write(plan, out));
    PlanStats s = plan.stats();
    System.err.println();
    System.out.printf("circuit             %s (%d qubits, %d gates)%n", named.name(),
        named.circuit().numQubits(), named.circuit().gates().size());
    System.out.printf("network             %d tensors, %d indices (simplified from %d tensors, %d indices)%n",
        network.numTensors(), network.numIndices(), raw.numTensors(), raw.numIndices());
    System.out.printf("log10 cost          %.3f (unsliced)%n", s.log10Flops());
    System.out.printf("log2 largest        %d%n", s.log2MaxSize());
    System.out.printf("slices              %.0f%n", s.numSlices());
    System.out.printf("sliced log10 cost   %.3f (total over slices)%n", s.slicedLog10Flops());
    System.out.printf("overhead            %.3f%n", s.overhead());
    System.out.printf("planning time       %.1f s, %d threads%n", planned.seconds(), nThreads);
    System.out.printf("plan written to     %s%n", output);
    return 0;
  }
}
