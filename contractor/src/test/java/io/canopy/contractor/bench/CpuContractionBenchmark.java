package io.canopy.contractor.bench;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.circuits.qsim.QsimReader;
import io.canopy.contractor.NetworkProblems;
import io.canopy.contractor.Precision;
import io.canopy.contractor.SliceContractor;
import io.canopy.contractor.cpu.ComplexGemm;
import io.canopy.contractor.cpu.Nd4jBackend;
import io.canopy.planner.Plan;
import io.canopy.planner.Planner;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.io.PlanFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the CPU backend on real slices and prints lines for docs/benchmarks.md: the machine's
 * ND4J dgemm/sgemm ceiling, then for each precision and complex product the GFLOP/s of contracting
 * a few slices of a planned circuit amplitude (8 real flops per complex multiply-add, slice-reuse
 * off so every slice does its full work), as planned and with small operands fused (the
 * backend's default; GFLOP/s count the plan's multiply-adds either way). Arguments:
 * {@code circuit.qsim targetLog2Size planSeconds planFile slices [precision[/product]...]}; the plan is read
 * from {@code planFile} when it exists, else made and written there. A benchmark, not a test: run
 * it with the test class path.
 */
public final class CpuContractionBenchmark {
  private CpuContractionBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int target = Integer.parseInt(args[1]);
    double planSeconds = Double.parseDouble(args[2]);
    Path planFile = Path.of(args[3]);
    int slices = Integer.parseInt(args[4]);
    String[] precisions = args.length > 5 ? java.util.Arrays.copyOfRange(args, 5, args.length)
        : new String[] {"complex64", "complex128"};
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("machine: %d cores, %s; %s%n", cores, System.getProperty("os.arch"), LocalDate.now());
    System.out.printf("ceiling: dgemm %.1f GFLOP/s, sgemm %.1f GFLOP/s (ND4J gemm, n=2048)%n",
        ceiling(DataType.DOUBLE), ceiling(DataType.FLOAT));

    Circuit circuit = QsimReader.read(file);
    TensorNetwork network = NetworkSimplifier.simplify(NetworkBuilder.amplitude(circuit, "0".repeat(circuit.numQubits())));
    Plan plan = plan(network, target, planSeconds, planFile);
    System.out.printf("plan: %s, %d tensors%n", plan.stats(), network.numTensors());
    printShapes(plan);
    double flopsPerSlice = 8 * plan.tree().flopsPerSlice();

    for (String label : precisions) {
      String[] parts = label.split("/");
      Precision precision = Precision.parse(parts[0]);
      ComplexGemm[] products = parts.length > 1 ? new ComplexGemm[] {ComplexGemm.valueOf(parts[1])} : ComplexGemm.values();
      for (ComplexGemm gemm : products) {
        for (boolean fused : new boolean[] {false, true}) {
          try (Nd4jBackend backend = new Nd4jBackend(precision, gemm)) {
            backend.fuseSmallOperands(fused);
            SliceContractor contractor = new SliceContractor(plan, backend, false);
            contractor.contract(network, 0, 1); // warm-up: buffers, JIT, OpenBLAS threads
            long e0 = backend.permutedElements();
            double p0 = backend.permuteSeconds();
            double g0 = backend.gemmSeconds();
            long s0 = System.nanoTime();
            contractor.contract(network, 1, 1 + slices);
            double sec = (System.nanoTime() - s0) / 1e9;
            System.out.printf("%s %s%s: %d slices in %.2f s = %.2f s/slice, %.1f GFLOP/s "
                + "(layout %.2f s for 2^%.1f elements/slice, products %.2f s, rest %.2f s)%n", precision, gemm,
                fused ? ", small operands fused (10^" + String.format("%.3f", Math.log10(contractor.tree().flopsPerSlice()))
                    + " multiply-adds executed)" : "", slices, sec, sec / slices,
                flopsPerSlice * slices / sec / 1e9, backend.permuteSeconds() - p0,
                Math.log((backend.permutedElements() - e0) / (double) slices) / Math.log(2), backend.gemmSeconds() - g0,
                sec - (backend.permuteSeconds() - p0) - (backend.gemmSeconds() - g0));
          }
        }
      }
    }
  }

  private static Plan plan(TensorNetwork network, int target, double seconds, Path file) throws IOException {
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        return PlanFile.read(in, file.toString());
      }
    }
    long t0 = System.nanoTime();
    Plan plan = Planner.plan(NetworkProblems.of(network), PlannerOptions.builder().timeSeconds(seconds)
        .threads(Runtime.getRuntime().availableProcessors()).seed(1).targetLog2Size(target).build(), PlanProgress.NONE);
    System.out.printf("planned in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    try (OutputStream out = Files.newOutputStream(file)) {
      PlanFile.write(plan, out);
    }
    return plan;
  }

  /**
   * The GEMM shapes of one slice, as log2 m/k/n, grouped, with their share of the slice's
   * multiply-adds: what decides whether a slice is compute- or memory-bound.
   */
  private static void printShapes(Plan plan) {
    ContractionTree tree = plan.tree();
    java.util.Map<String, Double> share = new java.util.TreeMap<>();
    double total = tree.flopsPerSlice();
    for (int node = tree.numInputs(); node < tree.numNodes(); node++) {
      int[] kept = live(tree, node);
      int[] a = live(tree, tree.left(node));
      int[] b = live(tree, tree.right(node));
      int m = 0;
      int k = 0;
      int n = 0;
      for (int ix : a) {
        if (contains(kept, ix)) m += tree.problem().log2Size(ix);
        else k += tree.problem().log2Size(ix);
      }
      for (int ix : b) if (contains(kept, ix) && !contains(a, ix)) n += tree.problem().log2Size(ix);
      String key = String.format("m=2^%02d k=2^%02d n=2^%02d", Math.max(m, n), k, Math.min(m, n));
      share.merge(key, Math.pow(2, tree.log2Flops(node)) / total, Double::sum);
    }
    share.entrySet().stream().filter(e -> e.getValue() > 0.01).forEach(e ->
        System.out.printf("  shape %s: %.1f%% of the multiply-adds%n", e.getKey(), 100 * e.getValue()));
  }

  private static int[] live(ContractionTree tree, int node) {
    return java.util.Arrays.stream(tree.indices(node)).filter(ix -> !tree.isSliced(ix)).toArray();
  }

  private static boolean contains(int[] xs, int x) {
    for (int v : xs) if (v == x) return true;
    return false;
  }

  /** Best of a few n=2048 real GEMMs through ND4J, in GFLOP/s. */
  private static double ceiling(DataType type) {
    int n = 2048;
    INDArray a = Nd4j.rand(type, n, n);
    INDArray b = Nd4j.rand(type, n, n);
    INDArray c = Nd4j.create(type, n, n);
    Nd4j.gemm(a, b, c, false, false, 1, 0);
    double best = 0;
    for (int r = 0; r < 5; r++) {
      long t = System.nanoTime();
      Nd4j.gemm(a, b, c, false, false, 1, 0);
      best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t) / 1e9) / 1e9);
    }
    return best;
  }
}
