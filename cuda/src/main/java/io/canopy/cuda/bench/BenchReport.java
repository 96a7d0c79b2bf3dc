package io.canopy.cuda.bench;

import io.canopy.contractor.Precision;
import io.canopy.cuda.ComplexProduct;
import io.canopy.cuda.DeviceCeilings;
import io.canopy.cuda.PermutationBandwidth;
import io.canopy.planner.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of one {@code canopy bench} run and their derived ratios, as report lines and JSON.
 * TFLOP/s count 8 real flops per complex multiply-add of the whole tree per slice (cotengra's
 * cost, so the numbers compare with published ones); the floor uses the work actually executed
 * per slice, slice-invariant subtrees amortized over the range.
 */
final class BenchReport {
  private final String circuit;
  private final Plan plan;
  private final ComplexProduct product;
  private final long slices;
  private final long firstSlice;
  private final SliceCost planCost;
  private final Map<Precision, SliceCost> costs = new LinkedHashMap<>();
  private final Map<Precision, Integer> fusedRuns = new LinkedHashMap<>();
  private final String date = Instant.now().toString();
  private String deviceName;
  private String computeCapability;
  private long deviceMemory;
  private int driverVersion;
  private DeviceCeilings ceilings;
  private final Map<Precision, double[]> runs = new LinkedHashMap<>();
  private Agreement sampleAgreement;
  private Agreement sumAgreement;
  private int sampleSlices;
  private List<PermutationBandwidth.Result> permutations = List.of();
  /** Per precision: seconds with uploads overlapped, seconds with synchronous uploads, bytes uploaded per slice. */
  private final Map<Precision, double[]> overlaps = new LinkedHashMap<>();

  /** @param plan the plan file's plan: its multiply-adds are the work the rates count */
  BenchReport(String circuit, Plan plan, ComplexProduct product, long slices, long firstSlice) {
    this.circuit = circuit;
    this.plan = plan;
    this.product = product;
    this.slices = slices;
    this.firstSlice = firstSlice;
    this.planCost = SliceCost.of(plan.tree(), slices, product);
  }

  /**
   * The tree a precision actually contracts (the plan's, or it with runs of small operands fused):
   * its work and bytes make that precision's floor.
   */
  void executed(Precision p, Plan executed, int fusedRuns) {
    costs.put(p, SliceCost.of(executed.tree(), slices, product).withMultiplyAdds(planCost.multiplyAdds()));
    this.fusedRuns.put(p, fusedRuns);
  }

  void device(String name, String cc, long memory, int driver) {
    deviceName = name;
    computeCapability = cc;
    deviceMemory = memory;
    driverVersion = driver;
  }

  void ceilings(DeviceCeilings c) { ceilings = c; }

  void run(Precision p, double seconds, long peakBytes, long poolBytes, long fallbacks) {
    runs.put(p, new double[] {seconds, peakBytes, poolBytes, fallbacks});
  }

  void permutations(List<PermutationBandwidth.Result> results) { permutations = results; }

  /** Times of the same slices with uploads on the second stream and synchronous. */
  void overlap(Precision p, double onSeconds, double offSeconds, long bytesPerSlice) {
    overlaps.put(p, new double[] {onSeconds, offSeconds, bytesPerSlice});
  }

  void agreement(Agreement samples, Agreement sums, int sampleCount) {
    sampleAgreement = samples;
    sumAgreement = sums;
    sampleSlices = sampleCount;
  }

  String deviceLine() {
    return String.format(Locale.ROOT, "device: %s (compute capability %s, %.1f GiB), CUDA driver %d.%d, %s",
        deviceName, computeCapability, deviceMemory / (double) (1L << 30), driverVersion / 1000, driverVersion % 1000 / 10, date);
  }

  String ceilingsLine() {
    return String.format(Locale.ROOT, "ceilings: fp16 GEMM %.1f TFLOP/s, fp32 GEMM %.1f TFLOP/s, copy %.2f TB/s",
        ceilings.fp16GemmFlops() / 1e12, ceilings.fp32GemmFlops() / 1e12, ceilings.copyBytesPerSecond() / 1e12);
  }

  /** The permutation kernel's bandwidth against the copy's, one line per tensor and permutation. */
  List<String> permutationLines() {
    List<String> lines = new ArrayList<>();
    lines.add("permutations (bytes read + written / time; copy " + String.format(Locale.ROOT, "%.2f",
        ceilings.copyBytesPerSecond() / 1e12) + " TB/s):");
    lines.add(String.format(Locale.ROOT, "  %-5s %-6s %-36s %-7s %10s %9s %10s", "type", "size", "permutation", "kernel",
        "TB/s", "of copy", "gather"));
    for (PermutationBandwidth.Result r : permutations) {
      lines.add(String.format(Locale.ROOT, "  %-5s 2^%-4d %-36s %-7s %10.2f %8.1f%% %10.2f", r.type(), r.log2Elements(),
          r.permutation(), r.kernel(), r.bytesPerSecond() / 1e12,
          100 * r.bytesPerSecond() / ceilings.copyBytesPerSecond(), r.gatherBytesPerSecond() / 1e12));
    }
    return lines;
  }

  String overlapLine(Precision p) {
    double[] o = overlaps.get(p);
    double on = o[0] / slices;
    double off = o[1] / slices;
    return String.format(Locale.ROOT, "uploads: %.2f MiB per slice (fp32, both planes); %s with uploads on the second "
        + "stream %.4f s per slice, synchronous %.4f s: %.4f s per slice saved (%.1f%%)",
        o[2] / (double) (1L << 20), p.label(), on, off, off - on, 100 * (off - on) / off);
  }

  String planLine() {
    return String.format(Locale.ROOT, "plan: %s, %s; 10^%.2f multiply-adds per slice (10^%.2f executed with "
        + "slice-invariant subtrees once per range); timing slices [%d, %d) with the %s product",
        circuit, plan.stats(), Math.log10(planCost.multiplyAdds()), Math.log10(planCost.executedMultiplyAdds()),
        firstSlice, firstSlice + slices, product.label());
  }

  private double gemmCeiling(Precision p) {
    return p == Precision.COMPLEX_HALF ? ceilings.fp16GemmFlops() : ceilings.fp32GemmFlops();
  }

  String runLine(Precision p) {
    double[] r = runs.get(p);
    double perSlice = r[0] / slices;
    SliceCost cost = costs.get(p);
    double tflops = SliceCost.REAL_FLOPS_PER_MULTIPLY_ADD * cost.multiplyAdds() / perSlice / 1e12;
    double executedTflops = SliceCost.REAL_FLOPS_PER_MULTIPLY_ADD * cost.executedMultiplyAdds() / perSlice / 1e12;
    double compute = cost.computeSeconds(gemmCeiling(p));
    double memory = cost.memorySeconds(ceilings.copyBytesPerSecond(), p.bytesPerElement());
    double floor = Math.max(compute, memory);
    return String.format(Locale.ROOT, "%s: %.4f s per slice (%d slices in %.3f s); %.2f TFLOP/s (%.2f executed), "
        + "%.2f%% of the %s GEMM ceiling; floor %.4f s per slice (%s-bound: compute %.4f s, memory %.4f s), "
        + "floor/time %.3f%s; peak device memory %.2f GiB of a %.2f GiB pool; fp16 overflows recomputed: %d",
        p.label(), perSlice, slices, r[0], tflops, executedTflops, 100 * executedTflops * 1e12 / gemmCeiling(p),
        p == Precision.COMPLEX_HALF ? "fp16" : "fp32", floor, compute >= memory ? "compute" : "memory", compute, memory,
        floor / perSlice, gaussNote(p, cost, perSlice), r[1] / (double) (1L << 30), r[2] / (double) (1L << 30), (long) r[3]);
  }

  /** 3M steps run 6 real flops per complex multiply-add: the floor of the flops really executed. */
  private String gaussNote(Precision p, SliceCost cost, double perSlice) {
    if (product == ComplexProduct.BLOCK_4M) return "";
    double compute = cost.executedComputeSeconds(gemmCeiling(p));
    double floor = Math.max(compute, cost.memorySeconds(ceilings.copyBytesPerSecond(), p.bytesPerElement()));
    return String.format(Locale.ROOT, " (with the %.2f real flops per multiply-add that %s executes: floor %.4f s, "
        + "floor/time %.3f)", cost.executedRealFlops() / cost.executedMultiplyAdds(), product.label(), floor, floor / perSlice);
  }

  String agreementLine() {
    return String.format(Locale.ROOT, "complex-half vs complex64 on %d slice results: fidelity %.6f, normwise error %.2e, "
        + "max relative error %.2e; on the sum of the timed range: normwise error %.2e",
        sampleSlices, sampleAgreement.fidelity(), sampleAgreement.normwiseError(), sampleAgreement.maxRelativeError(),
        sumAgreement.normwiseError());
  }

  String json() {
    StringBuilder b = new StringBuilder("{\n");
    field(b, "date", q(date));
    field(b, "device", q(deviceName));
    field(b, "computeCapability", q(computeCapability));
    field(b, "driverVersion", Integer.toString(driverVersion));
    field(b, "fp16GemmTflops", num(ceilings.fp16GemmFlops() / 1e12));
    field(b, "fp32GemmTflops", num(ceilings.fp32GemmFlops() / 1e12));
    field(b, "copyTBps", num(ceilings.copyBytesPerSecond() / 1e12));
    field(b, "circuit", q(circuit));
    field(b, "log2MaxSize", Integer.toString(plan.stats().log2MaxSize()));
    field(b, "numSlices", Long.toString(plan.numSlices()));
    field(b, "log10MultiplyAddsPerSlice", num(Math.log10(planCost.multiplyAdds())));
    field(b, "product", q(product.label()));
    field(b, "slicesTimed", Long.toString(slices));
    for (Map.Entry<Precision, double[]> e : runs.entrySet()) {
      Precision p = e.getKey();
      double perSlice = e.getValue()[0] / slices;
      SliceCost cost = costs.get(p);
      double floor = cost.floorSeconds(gemmCeiling(p), ceilings.copyBytesPerSecond(), p.bytesPerElement());
      String k = p == Precision.COMPLEX_HALF ? "half" : "complex64";
      field(b, k + "FusedRuns", Integer.toString(fusedRuns.get(p)));
      field(b, k + "Log10ExecutedMultiplyAddsPerSlice", num(Math.log10(cost.executedMultiplyAdds())));
      field(b, k + "SecondsPerSlice", num(perSlice));
      field(b, k + "Tflops", num(SliceCost.REAL_FLOPS_PER_MULTIPLY_ADD * cost.multiplyAdds() / perSlice / 1e12));
      field(b, k + "FloorSeconds", num(floor));
      field(b, k + "FloorOverTime", num(floor / perSlice));
      field(b, k + "PeakBytes", Long.toString((long) e.getValue()[1]));
      field(b, k + "Fp16Recomputations", Long.toString((long) e.getValue()[3]));
    }
    for (Map.Entry<Precision, double[]> e : overlaps.entrySet()) {
      String k = e.getKey() == Precision.COMPLEX_HALF ? "half" : "complex64";
      field(b, k + "UploadedBytesPerSlice", Long.toString((long) e.getValue()[2]));
      field(b, k + "SynchronousUploadSecondsPerSlice", num(e.getValue()[1] / slices));
    }
    if (!permutations.isEmpty()) {
      StringBuilder list = new StringBuilder("[");
      for (PermutationBandwidth.Result r : permutations) {
        list.append(String.format(Locale.ROOT, "%n    {\"type\": %s, \"log2Elements\": %d, \"permutation\": %s, "
            + "\"kernel\": %s, \"TBps\": %s, \"fractionOfCopy\": %s, \"gatherTBps\": %s},", q(r.type()),
            r.log2Elements(), q(r.permutation()), q(r.kernel()), num(r.bytesPerSecond() / 1e12),
            num(r.bytesPerSecond() / ceilings.copyBytesPerSecond()), num(r.gatherBytesPerSecond() / 1e12)));
      }
      list.setLength(list.length() - 1);
      field(b, "permutations", list.append("\n  ]").toString());
    }
    if (sampleAgreement != null) {
      field(b, "fidelity", num(sampleAgreement.fidelity()));
      field(b, "normwiseError", num(sampleAgreement.normwiseError()));
      field(b, "maxRelativeError", num(sampleAgreement.maxRelativeError()));
    }
    b.setLength(b.length() - 2);
    return b.append("\n}\n").toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append("  \"").append(name).append("\": ").append(value).append(",\n");
  }

  private static String q(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }

  private static String num(double v) { return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null"; }
}
