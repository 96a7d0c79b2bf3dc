package io.canopy.cuda.bench;

import io.canopy.contractor.DeviceTensor;
import io.canopy.cuda.CudaBackend;
import io.canopy.cuda.layout.PairLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where a slice's time goes: a backend that passes every call to a {@link CudaBackend} and
 * times each pairwise contraction with the device synchronized before and after. Synchronizing
 * costs time, so a profiled slice runs slower than a timed one; it says which steps dominate and,
 * against the copy bandwidth, how far each is from moving its bytes at that rate.
 */
final class StepProfile extends ForwardingBackend {
  /** One timed contraction. */
  record Step(String shape, double seconds, double multiplyAdds, double bytesMoved) {}

  private final double copyBytesPerSecond;
  private final List<Step> steps = new ArrayList<>();

  /** @param copyBytesPerSecond the device's measured copy bandwidth, bytes read plus written */
  StepProfile(CudaBackend gpu, double copyBytesPerSecond) {
    super(gpu);
    this.copyBytesPerSecond = copyBytesPerSecond;
  }

  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep) {
    PairLayout l = PairLayout.of(new PairLayout.Operand(a.indices(), a.log2Dims()),
        new PairLayout.Operand(b.indices(), b.log2Dims()), keep);
    gpu.synchronize();
    long t0 = System.nanoTime();
    DeviceTensor out = gpu.contract(a, b, keep);
    gpu.synchronize();
    double s = (System.nanoTime() - t0) / 1e9;
    String shape = String.format(Locale.ROOT, "A 2^%d x B 2^%d -> 2^%d (batch 2^%d, contracted 2^%d, free 2^%d x 2^%d; "
        + "A %s, B %s)", log2(a), log2(b), log2(out), l.log2Batch(), l.log2Contracted(), l.log2FreeA(), l.log2FreeB(),
        order(a, l), order(b, l));
    // the roofline's count: both inputs read once, the output written once
    double moved = (double) (a.size() + b.size() + out.size()) * gpu.precision().bytesPerElement();
    steps.add(new Step(shape, s, Math.pow(2, l.log2MultiplyAdds()), moved));
    return out;
  }

  /** Where the contracted indices sit in an operand: "C-first", "C-last" or "mixed". */
  private static String order(DeviceTensor t, PairLayout l) {
    int[] idx = t.indices();
    int[] c = l.contracted();
    int n = c.length;
    if (n == 0 || n == idx.length) return "all-free-or-contracted";
    boolean first = true;
    boolean last = true;
    for (int i = 0; i < idx.length; i++) {
      boolean isC = contains(c, idx[i]);
      if (isC != (i < n)) first = false;
      if (isC != (i >= idx.length - n)) last = false;
    }
    return first ? "C-first" : last ? "C-last" : "mixed";
  }

  private static boolean contains(int[] a, int x) {
    for (int v : a) if (v == x) return true;
    return false;
  }

  private static int log2(DeviceTensor t) { return Long.numberOfTrailingZeros(t.size()); }

  /** The slowest steps and the totals, as lines. */
  List<String> report(int top) {
    List<String> lines = new ArrayList<>();
    double total = steps.stream().mapToDouble(Step::seconds).sum();
    lines.add(String.format(Locale.ROOT, "profile: %d contractions, %.3f s synchronized", steps.size(), total));
    steps.stream().sorted(Comparator.comparingDouble(Step::seconds).reversed()).limit(top).forEach(s ->
        lines.add(String.format(Locale.ROOT, "  %8.4f s %6.1f%% %7.2f TFLOP/s %5.1f%% of copy  %s", s.seconds(),
            100 * s.seconds() / total, SliceCost.REAL_FLOPS_PER_MULTIPLY_ADD * s.multiplyAdds() / s.seconds() / 1e12,
            100 * s.bytesMoved() / copyBytesPerSecond / s.seconds(), s.shape())));
    return lines;
  }
}
