package io.canopy.cuda;

import static io.canopy.cuda.CudaCheck.driver;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;

import io.canopy.contractor.Backend;
import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.Precision;
import io.canopy.cuda.layout.BitMap;
import io.canopy.cuda.layout.PairLayout;
import io.canopy.cuda.layout.SmallOperandTile;
import io.canopy.cuda.memory.DeviceMemoryPool;
import io.canopy.cuda.memory.MemoryPlan;
import io.canopy.planner.Plan;
import io.canopy.planner.SmallOperandFusion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * The GPU backend: planar complex tensors in a device memory pool, pairwise contractions as real
 * cuBLAS GEMMs with fp32 accumulation, layout changes and checks in Canopy's own kernels.
 *
 * <p>complex64 stores fp32 parts (optionally with TF32 GEMMs). complex-half stores fp16 parts
 * with a per-tensor power-of-two exponent: uploads are normalized so the largest part is in
 * [1, 2), each GEMM's alpha removes its operands' magnitudes so the result stays near 1, and
 * after every step one pass finds the result's largest part and any NaN/Inf. A step that
 * overflowed fp16 is recomputed in complex64 from its inputs and stored back normalized; each
 * such recomputation is counted ({@link #halfFallbacks()}) and logged. Slice sums are kept in fp32.
 *
 * <p>Uploads go through pinned memory on a second stream ({@link UploadStream}), so the inputs of
 * the next slice travel while the compute stream finishes queued work of the previous one.
 */
public final class CudaBackend implements Backend {
  private static final System.Logger LOG = System.getLogger(CudaBackend.class.getName());

  private final CudaDevice device;
  private final Precision precision;
  private final DType storage;
  private final DeviceMemoryPool pool;
  private final ComplexGemm gemm;
  private final ComplexGemm fallbackGemm;
  private final DeviceMemoryPool.Block checkWords;
  private final DeferredChecks deferred;
  private final QueuedSums queuedSums = new QueuedSums();
  private boolean deferChecks = true;
  private boolean deferGemmSteps = true;
  private final UploadStream uploads;
  private final List<StagedUpload> stagedUploads = new ArrayList<>();
  private final UploadBatch uploadBatch = new UploadBatch();
  private boolean overlapUploads = true;
  private Optional<SmallOperandFusion.Limits> fusion;
  private long uploadedBytes;
  private long halfFallbacks;
  private boolean closed;

  /**
   * A backend on device {@code deviceIndex} with the default complex product
   * ({@link ComplexProduct#DEFAULT}: 3M for long contracted dimensions, 4M for short ones).
   */
  public CudaBackend(int deviceIndex, Precision precision, MemoryPlan memory) {
    this(deviceIndex, precision, memory, ComplexProduct.DEFAULT, false);
  }

  /**
   * @param deviceIndex CUDA device ordinal
   * @param precision complex64 or complex-half
   * @param memory what the work needs; the pool is sized from it
   * @param product how complex products map onto real GEMMs
   * @param tf32 let complex64 GEMMs use TF32 tensor cores (faster, about 1e-3 relative error)
   * @throws IllegalStateException if there is no GPU, or the plan does not fit the device (one line)
   */
  public CudaBackend(int deviceIndex, Precision precision, MemoryPlan memory, ComplexProduct product, boolean tf32) {
    MemoryPlan.elementBytes(precision);
    this.precision = precision;
    this.storage = precision == Precision.COMPLEX_HALF ? DType.F16 : DType.F32;
    CudaDevice d = new CudaDevice(deviceIndex);
    DeviceMemoryPool p = null;
    try {
      p = new DeviceMemoryPool(d, memory, precision);
      this.uploads = new UploadStream();
    } catch (RuntimeException e) {
      if (p != null) p.close();
      d.close();
      throw e;
    }
    this.pool = p;
    this.device = d;
    this.gemm = new ComplexGemm(device, pool, product, tf32);
    this.fallbackGemm = new ComplexGemm(device, pool, product, false);
    this.checkWords = pool.allocate(8);
    this.deferred = new DeferredChecks(pool);
    this.fusion = defaultFusion(precision);
  }

  /** Tensors from 2^20 elements on count as large for fusion: every step on them is memory-bound. */
  public static final int FUSION_MIN_LARGE_LOG2 = 20;

  /**
   * The small-operand fusion a backend of this precision asks for: runs of small operands on a
   * large tensor contracted with each other first, up to 2^6 contracted elements in complex-half
   * (the tensor-core form keeps such steps memory-bound) and 2^4 in complex64 (on the CUDA cores
   * 2^6 contracted elements make a step compute-bound). Chosen on an H200 from 53-qubit m14 slices
   * (docs/benchmarks.md): complex-half 0.083 s per slice as planned, 0.069 s up to 2^4, 0.065 s
   * up to 2^6; complex64 0.133 s as planned, 0.120 s up to 2^4, 0.164 s up to 2^6.
   */
  public static Optional<SmallOperandFusion.Limits> defaultFusion(Precision precision) {
    int contracted = precision == Precision.COMPLEX_HALF ? SmallOperandTile.MAX_CONTRACTED_BITS : 4;
    return Optional.of(new SmallOperandFusion.Limits(SmallOperandTile.MAX_SMALL_BITS, contracted, FUSION_MIN_LARGE_LOG2));
  }

  /** The plan a backend of this precision executes: the given one with its default fusion applied. */
  public static Plan executedPlan(Plan plan, Precision precision) {
    return defaultFusion(precision).map(l -> SmallOperandFusion.apply(plan.tree(), l).applied(plan)).orElse(plan);
  }

  @Override
  public Optional<SmallOperandFusion.Limits> smallOperandFusion() { return fusion; }

  /** The fusion contractors on this backend apply (empty: the plan's tree as it is). */
  public void fuseSmallOperands(Optional<SmallOperandFusion.Limits> limits) { fusion = limits; }

  @Override
  public String name() { return "cuda:" + device.index(); }

  @Override
  public Precision precision() { return precision; }

  public CudaDevice device() { return device; }

  public ComplexProduct product() { return gemm.product(); }

  /**
   * Whether uploads travel on a second stream from pinned memory (the default), overlapping the
   * work already queued on the compute stream, or synchronously; results are the same either way.
   */
  public void overlapUploads(boolean on) { overlapUploads = on; }

  /**
   * Whether contractions of a large tensor with a small one (at most 2^11 elements, 2^6
   * contracted) run as one pass of Canopy's own kernel (the default) or through cuBLAS like the
   * others; the switch exists to compare the two.
   */
  public void useSmallOperandKernel(boolean on) {
    gemm.smallOperandKernel(on);
    fallbackGemm.smallOperandKernel(on);
  }

  /**
   * Whether the small-operand kernel runs steps on the tensor cores where their shape allows (the
   * default: fp16 products in complex-half, 3xTF32 in complex64) or on the CUDA cores; the switch
   * exists to compare the two.
   */
  public void useSmallOperandTensorCores(boolean on) {
    gemm.smallOperandTensorCores(on);
    fallbackGemm.smallOperandTensorCores(on);
  }

  /**
   * Whether complex-half steps leave their checks on the device until the host needs a number
   * ({@link DeferredChecks}, the default) or the host reads each step's check at once. Deferred:
   * small-operand steps, small GEMM steps widened to fp32 ({@link #contractDeferredGemm}, which
   * agree to within fp16 rounding), and other GEMM steps of at most 2^10 contracted values (which
   * cannot overflow) once the host has their operands' scales. The others give the same bits
   * either way. The switch exists to compare the two.
   */
  public void deferHalfChecks(boolean on) {
    if (!on) resolveChecks();
    deferChecks = on;
  }

  /**
   * Whether, with deferred checks, small GEMM steps also leave theirs on the device
   * ({@link #contractDeferredGemm}, the default); off, only small-operand steps do, whose results
   * are then bit for bit those of checks read at once. For tests.
   */
  void deferGemmSteps(boolean on) {
    deferGemmSteps = on;
  }

  /** Bytes copied from the host by {@link #upload} so far (fp32 values, both planes). */
  public long uploadedBytes() { return uploadedBytes; }

  /** complex-half steps that overflowed and were recomputed in complex64. */
  public long halfFallbacks() { return halfFallbacks; }

  /** Most pool bytes in use at once since the last {@link #resetPeakMemory()}. */
  public long peakMemory() { return pool.peak(); }

  public void resetPeakMemory() { pool.resetPeak(); }

  public long poolCapacity() { return pool.capacity(); }

  /** Waits for all queued device work. */
  public void synchronize() {
    device.makeCurrent();
    flushUploads();
    device.synchronize();
  }

  @Override
  public DeviceTensor upload(int[] indices, int[] log2Dims, double[] re, double[] im) {
    device.makeCurrent();
    long size = 1L << IntStream.of(log2Dims).sum();
    if (re.length != size || im.length != size) {
      throw new IllegalArgumentException("tensor over " + Arrays.toString(indices) + " needs " + size
          + " values, got " + re.length);
    }
    double max = 0;
    for (int i = 0; i < re.length; i++) max = Math.max(max, Math.max(Math.abs(re[i]), Math.abs(im[i])));
    if (!Double.isFinite(max)) throw new IllegalArgumentException("tensor over " + Arrays.toString(indices) + " holds NaN or Inf");
    int exponent = storage == DType.F16 && max > 0 ? Math.getExponent(max) : 0;
    float[] host = new float[2 * re.length];
    for (int i = 0; i < re.length; i++) {
      host[i] = (float) Math.scalb(re[i], -exponent);
      host[re.length + i] = (float) Math.scalb(im[i], -exponent);
    }
    CudaTensor t = allocate(indices, log2Dims, storage);
    uploadedBytes += 4L * host.length;
    UploadStream.Staged staged = null;
    if (overlapUploads && UploadStream.fits(host.length)) {
      staged = uploads.stage(host);
      if (staged == null) {
        flushUploads();
        staged = uploads.stage(host);
      }
    }
    if (staged != null) {
      stagedUploads.add(new StagedUpload(staged, t, host.length));
    } else if (storage == DType.F32) {
      driver(cuMemcpyHtoD(t.pointer(), Pointer.to(host), 4L * host.length), "copying a tensor to the device");
    } else {
      DeviceMemoryPool.Block staging = pool.allocate(4L * host.length);
      try {
        driver(cuMemcpyHtoD(staging.pointer(), Pointer.to(host), 4L * host.length), "copying a tensor to the device");
        fromStaging(staging.pointer(), t, host.length);
      } finally {
        pool.free(staging);
      }
    }
    if (storage == DType.F16) t.maxAbs((float) Math.scalb(max, -exponent));
    t.exponent(exponent);
    return t;
  }

  /** An upload whose values wait in pinned memory for the next {@link #flushUploads()}. */
  private record StagedUpload(UploadStream.Staged staged, CudaTensor tensor, long reals) {}

  /**
   * Copies the staged uploads to the device in one transfer and moves them into their tensors;
   * every call that may read or free a tensor does this first.
   */
  private void flushUploads() {
    if (stagedUploads.isEmpty()) return;
    uploads.flush();
    for (StagedUpload u : stagedUploads) {
      if (u.reals() > UploadBatch.MAX_REALS) {
        fromStaging(u.staged().pointer(), u.tensor(), u.reals());
        continue;
      }
      uploadBatch.add(u.tensor().block().offset(), u.staged().ringOffset(), u.reals());
      if (uploadBatch.isFull()) moveBatch();
    }
    if (uploadBatch.count() > 0) moveBatch();
    for (StagedUpload u : stagedUploads) u.staged().consumed();
    stagedUploads.clear();
  }

  private void moveBatch() {
    device.kernels().fromStaging(storage, pool.base(), uploads.ring(), uploadBatch);
    uploadBatch.clear();
  }

  /** Moves fp32 values staged on the device into {@code t}'s storage, on the compute stream. */
  private void fromStaging(CUdeviceptr staged, CudaTensor t, long reals) {
    if (t.type() == DType.F32) {
      driver(cuMemcpyDtoDAsync(t.pointer(), staged, 4L * reals, null), "copying a staged tensor");
    } else {
      device.kernels().f32ToF16(staged, t.pointer(), reals, 1f);
    }
  }

  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep) {
    device.makeCurrent();
    flushUploads();
    CudaTensor x = inStorage(own(a));
    CudaTensor y = inStorage(own(b));
    try {
      PairLayout layout = PairLayout.of(operand(x), operand(y), keep);
      if (storage == DType.F32) {
        CudaTensor out = gemm.contract(this, x, y, layout, DType.F32, 1f);
        out.exponent(x.exponent() + y.exponent());
        return out;
      }
      return contractHalf(x, y, layout);
    } finally {
      if (x != a) free(x);
      if (y != b) free(y);
    }
  }

  private CudaTensor contractHalf(CudaTensor x, CudaTensor y, PairLayout layout) {
    if (deferChecks && gemm.takesSmallOperandKernel(layout)) return contractDeferred(x, y, layout);
    if (deferChecks && deferGemmSteps && widensCheaply(x, y, layout)) return contractDeferredGemm(x, y, layout);
    resolveChecks();
    int shiftX = magnitude(x);
    int shiftY = magnitude(y);
    float alpha = Math.scalb(1f, -(shiftX + shiftY));
    int exponent = x.exponent() + y.exponent() + shiftX + shiftY;
    if (deferChecks && layout.log2Contracted() <= NO_OVERFLOW_LOG2_CONTRACTED) {
      // the check waits on the device like a small-operand step's: the host queues the steps
      // after this one while the device runs it, where reading it left the device idle while the
      // host queued them one by one (m20 slices, H200)
      int slot = deferred.take();
      return pending(gemm.contract(this, x, y, layout, DType.F16, alpha, deferred.slot(slot)), exponent, slot,
          new int[0]);
    }
    clearCheckWords();
    CudaTensor out = gemm.contract(this, x, y, layout, DType.F16, alpha, checkWords.pointer());
    float[] check = readCheckWords();
    if (check[1] == 0) {
      out.exponent(exponent);
      out.maxAbs(check[0]);
      return out;
    }
    free(out);
    halfFallbacks++;
    LOG.log(System.Logger.Level.WARNING, "complex-half contraction of {0} and {1} overflowed fp16; recomputed in complex64 ({2} so far)",
        Arrays.toString(x.indices()), Arrays.toString(y.indices()), halfFallbacks);
    return recomputeInComplex64(x, y, layout, alpha, exponent);
  }

  /**
   * A small-operand step with its check left on the device: an operand whose largest part is
   * still there has its magnitude removed by the kernel (read from its slot), and the result's
   * exponent lacks that magnitude until {@link DeferredChecks#resolve()}. With normalized
   * operands (largest parts in [1, 2)) a step of at most 2^6 contracted elements stays below
   * 2^9, so it cannot overflow fp16 and never needs the complex64 recomputation.
   */
  private CudaTensor contractDeferred(CudaTensor x, CudaTensor y, PairLayout layout) {
    if (deferred.room() < 1) resolveChecks();
    Scales scales = scalesOf(x, y);
    float alpha = Math.scalb(1f, -scales.known());
    int slot = deferred.take();
    CudaTensor out = gemm.contractSmallOperand(this, x, y, layout, DType.F16, alpha, deferred.slot(slot),
        x.pending() ? deferred.slot(x.pendingSlot()) : null, y.pending() ? deferred.slot(y.pendingSlot()) : null);
    return pending(out, x.exponent() + y.exponent() + scales.known(), slot, scales.shifts());
  }

  /** A deferred step's result: its known exponent, its check's slot, the slots it still lacks. */
  private CudaTensor pending(CudaTensor out, int knownExponent, int slot, int[] shifts) {
    out.pending(knownExponent, slot, shifts);
    deferred.track(out);
    return out;
  }

  /**
   * Largest operand or result (log2 elements) of a GEMM step that {@link #contractDeferredGemm}
   * takes: widening to fp32 then moves each of them once more, about 0.2 ms at 2^24 elements, while
   * reading the step's numbers on the host left the device idle for 2-3 ms of each 2^30 m14 slice
   * (the host queued the steps after it one by one as the device ran them).
   */
  private static final int DEFERRED_GEMM_MAX_LOG2 = 24;

  /**
   * Contracted values (log2) up to which a complex-half GEMM step on operands divided by their
   * magnitudes (largest part below 2) cannot overflow fp16: a part of the result is below
   * 8 x 2^k, the Gauss form's (ar + ai)(br + bi) below 16 x 2^k, 16384 at 2^10 against fp16's
   * 65504. Such a step needs no complex64 recomputation, so its check can wait on the device.
   */
  private static final int NO_OVERFLOW_LOG2_CONTRACTED = 10;

  private static boolean widensCheaply(CudaTensor x, CudaTensor y, PairLayout layout) {
    long limit = 1L << DEFERRED_GEMM_MAX_LOG2;
    int log2Out = layout.log2Batch() + layout.log2FreeA() + layout.log2FreeB();
    return x.size() <= limit && y.size() <= limit && log2Out <= DEFERRED_GEMM_MAX_LOG2;
  }

  /**
   * A complex-half GEMM step with its check left on the device: the operands widened to fp32 (a
   * pending one divided by its magnitude there), the product in complex64, and the result stored
   * back in fp16 divided by the magnitude of its largest part, also read there. In fp32 the step
   * cannot overflow, so it never needs the complex64 recomputation, and the host reads nothing,
   * where the fp16 GEMM path needs its operands' magnitudes and its result's check on the host.
   * Results agree with that path to within fp16 rounding (the products are exact in both; cuBLAS
   * sums them in another order). The fp32 copies are those the memory plan counts for the
   * complex64 recomputation of a step ({@code MemoryPlan#bytesWithFallback}).
   */
  private CudaTensor contractDeferredGemm(CudaTensor x, CudaTensor y, PairLayout layout) {
    if (deferred.room() < 2) resolveChecks();
    Scales scales = scalesOf(x, y);
    CudaTensor out32 = productInComplex64(widened(x), widened(y), layout, 1f);
    int largest = deferred.take();
    int slot = deferred.take();
    CudaTensor out;
    try {
      device.kernels().maxAbsCheck(DType.F32, out32.pointer(), out32.reals(), deferred.slot(largest));
      out = allocate(out32.indices(), out32.log2Dims(), DType.F16);
      device.kernels().f32ToF16Normalized(out32.pointer(), out.pointer(), out32.reals(), deferred.slot(largest),
          deferred.slot(slot));
    } finally {
      free(out32);
    }
    return pending(out, x.exponent() + y.exponent() + scales.known(), slot, append(scales.shifts(), largest));
  }

  /** alpha x32 . y32 on the complex64 GEMM path; frees both fp32 operands. */
  private CudaTensor productInComplex64(CudaTensor x32, CudaTensor y32, PairLayout layout, float alpha) {
    try {
      return fallbackGemm.contract(this, x32, y32, layout, DType.F32, alpha);
    } finally {
      free(x32);
      free(y32);
    }
  }

  /** An fp32 copy of a complex-half tensor divided by its magnitude, known or still on the device. */
  private CudaTensor widened(CudaTensor t) {
    CudaTensor w = allocate(t.indices(), t.log2Dims(), DType.F32);
    device.kernels().f16ToF32(t.pointer(), w.pointer(), t.reals(), t.pending() ? 1f : Math.scalb(1f, -magnitude(t)),
        t.pending() ? deferred.slot(t.pendingSlot()) : null);
    return w;
  }

  /**
   * What a deferred step divides its operands by: the magnitudes the host knows ({@code known},
   * removed through alpha) and, for an operand whose largest part is still on the device, its
   * slot, which the kernel reads; the result's exponent then lacks those slots' magnitudes along
   * with the ones its operands already lacked ({@code shifts}).
   */
  private record Scales(int known, int[] shifts) {}

  private Scales scalesOf(CudaTensor x, CudaTensor y) {
    int known = 0;
    int[] shifts = PairLayout.concat(x.pendingShifts(), y.pendingShifts());
    if (x.pending()) shifts = append(shifts, x.pendingSlot());
    else known += magnitude(x);
    if (y.pending()) shifts = append(shifts, y.pendingSlot());
    else known += magnitude(y);
    return new Scales(known, shifts);
  }

  private static int[] append(int[] a, int v) {
    int[] c = Arrays.copyOf(a, a.length + 1);
    c[a.length] = v;
    return c;
  }

  /** The step again from fp32 copies of its operands, stored back in fp16 normalized. */
  private CudaTensor recomputeInComplex64(CudaTensor x, CudaTensor y, PairLayout layout, float alpha, int exponent) {
    CudaTensor out32 = productInComplex64(converted(x, DType.F32), converted(y, DType.F32), layout, alpha);
    try {
      float[] check = maxAbsCheck(out32);
      if (check[1] != 0) {
        throw new IllegalStateException("contraction of " + Arrays.toString(x.indices()) + " and "
            + Arrays.toString(y.indices()) + " gives NaN or Inf even in complex64");
      }
      out32.exponent(exponent);
      out32.maxAbs(check[0]);
      return converted(out32, DType.F16);
    } finally {
      free(out32);
    }
  }

  @Override
  public DeviceTensor permute(DeviceTensor t, int[] order) {
    device.makeCurrent();
    flushUploads();
    CudaTensor x = own(t);
    int[] sortedOrder = order.clone();
    int[] sortedHave = x.indices();
    Arrays.sort(sortedOrder);
    Arrays.sort(sortedHave);
    if (!Arrays.equals(sortedOrder, sortedHave)) {
      throw new IllegalArgumentException("order " + Arrays.toString(order) + " is not a permutation of "
          + Arrays.toString(x.indices()));
    }
    CudaTensor out = allocate(order, log2DimsIn(x, order), x.type());
    device.kernels().permute(x.type(), x.pointer(), out.pointer(), x.size(),
        BitMap.gather(x.indices(), x.log2Dims(), order));
    out.scaleOf(x);
    if (x.pending()) deferred.track(out);
    return out;
  }

  @Override
  public void accumulate(DeviceTensor sum, DeviceTensor term) {
    device.makeCurrent();
    flushUploads();
    CudaTensor s = own(sum);
    CudaTensor t = own(term);
    if (!Arrays.equals(s.indices(), t.indices())) {
      throw new IllegalArgumentException("cannot add a tensor over " + Arrays.toString(t.indices())
          + " to one over " + Arrays.toString(s.indices()));
    }
    // a scale still on the device: added where the host reads the checks anyway (QueuedSums)
    if (s.pending() || t.pending() || !queuedSums.isEmpty()) {
      queuedSums.hold(s, t);
      return;
    }
    add(s, t);
  }

  /** sum += term in fp32, both scales known. */
  private void add(CudaTensor s, CudaTensor t) {
    if (s.type() != DType.F32) {
      DeviceMemoryPool.Block wide = pool.allocate(s.reals() * DType.F32.bytes);
      device.kernels().f16ToF32(s.pointer(), wide.pointer(), s.reals(), 1f, null);
      pool.free(s.replaceStorage(wide, DType.F32));
    }
    int e = Math.max(s.exponent(), t.exponent());
    device.kernels().axpby(t.type(), s.pointer(), t.pointer(), s.reals(),
        Math.scalb(1f, s.exponent() - e), Math.scalb(1f, t.exponent() - e));
    s.exponent(e);
  }

  /** Reads the deferred checks, then adds the slice sums that waited on them. Synchronizes. */
  private void resolveChecks() {
    deferred.resolve();
    queuedSums.addAll(this::add, t -> pool.free(t.release()));
  }

  @Override
  public HostTensor download(DeviceTensor t) {
    device.makeCurrent();
    flushUploads();
    CudaTensor x = own(t);
    resolveChecks();
    if (x.size() > 1 << 30) throw new IllegalArgumentException("a tensor of " + x.size() + " elements does not fit the host");
    int n = (int) x.size();
    float[] host = new float[2 * n];
    if (x.type() == DType.F32) {
      driver(cuMemcpyDtoH(Pointer.to(host), x.pointer(), 4L * host.length), "copying a tensor to the host");
    } else {
      DeviceMemoryPool.Block wide = pool.allocate(4L * host.length);
      try {
        device.kernels().f16ToF32(x.pointer(), wide.pointer(), host.length, 1f, null);
        driver(cuMemcpyDtoH(Pointer.to(host), wide.pointer(), 4L * host.length), "copying a tensor to the host");
      } finally {
        pool.free(wide);
      }
    }
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = Math.scalb((double) host[i], x.exponent());
      im[i] = Math.scalb((double) host[n + i], x.exponent());
    }
    return new HostTensor(x.indices(), re, im);
  }

  @Override
  public void free(DeviceTensor t) {
    CudaTensor x = own(t);
    // a tensor still waiting for its values: they move first (later uploads keep waiting otherwise)
    for (StagedUpload u : stagedUploads) {
      if (u.tensor() == x) {
        flushUploads();
        break;
      }
    }
    if (!queuedSums.heldAtFree(x, held -> pool.free(held.release()))) pool.free(x.release());
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    device.makeCurrent();
    flushUploads();
    device.synchronize();
    uploads.close();
    pool.close();
    device.close();
  }

  CudaTensor allocate(int[] indices, int[] log2Dims, DType type) {
    long reals = 2L << IntStream.of(log2Dims).sum();
    return new CudaTensor(this, indices, log2Dims, pool.allocate(reals * type.bytes), type);
  }

  private CudaTensor own(DeviceTensor t) {
    if (!(t instanceof CudaTensor c) || c.owner() != this) {
      throw new IllegalArgumentException("tensor does not belong to backend " + name());
    }
    if (c.isFreed()) throw new IllegalArgumentException("tensor over " + Arrays.toString(c.indices()) + " was freed");
    return c;
  }

  /** The tensor itself, or a copy in the storage type (a slice sum is fp32 in any precision). */
  private CudaTensor inStorage(CudaTensor t) {
    if (t.type() == storage) return t;
    if (storage == DType.F16) t.maxAbs(maxAbsCheck(t)[0]);
    return converted(t, storage);
  }

  /**
   * A copy in another storage type. Into fp16 the values are renormalized by the tensor's largest
   * part, which must be known.
   */
  private CudaTensor converted(CudaTensor t, DType type) {
    resolveChecks();
    CudaTensor out = allocate(t.indices(), t.log2Dims(), type);
    if (type == DType.F32) {
      device.kernels().f16ToF32(t.pointer(), out.pointer(), t.reals(), 1f, null);
      out.exponent(t.exponent());
    } else {
      int shift = t.maxAbs() > 0 ? Math.getExponent(t.maxAbs()) : 0;
      device.kernels().f32ToF16(t.pointer(), out.pointer(), t.reals(), Math.scalb(1f, -shift));
      out.exponent(t.exponent() + shift);
      out.maxAbs(Math.scalb(t.maxAbs(), -shift));
    }
    return out;
  }

  /** One pass over both planes: {largest |part|, 1 if any NaN/Inf else 0}. Synchronizes. */
  private float[] maxAbsCheck(CudaTensor t) {
    clearCheckWords();
    device.kernels().maxAbsCheck(t.type(), t.pointer(), t.reals(), checkWords.pointer());
    return readCheckWords();
  }

  private void clearCheckWords() {
    driver(cuMemsetD32(checkWords.pointer(), 0, 2), "clearing the check words");
  }

  /** The check words as {largest |part|, 1 if any NaN/Inf else 0}. Synchronizes. */
  private float[] readCheckWords() {
    int[] words = new int[2];
    driver(cuMemcpyDtoH(Pointer.to(words), checkWords.pointer(), 8), "reading the check words");
    return new float[] {Float.intBitsToFloat(words[0]), words[1]};
  }

  /** Power of two near a half tensor's largest part (0 for an all-zero tensor). */
  private static int magnitude(CudaTensor t) { return magnitude(t.maxAbs()); }

  /** Power of two near a largest part, 0 for zero (the kernels' {@code magnitudeOf}). */
  static int magnitude(float max) { return max > 0 ? Math.getExponent(max) : 0; }

  private static PairLayout.Operand operand(CudaTensor t) {
    return new PairLayout.Operand(t.indices(), t.log2Dims());
  }

  private static int[] log2DimsIn(CudaTensor t, int[] order) {
    int[] idx = t.indices();
    int[] dims = t.log2Dims();
    int[] out = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      for (int a = 0; a < idx.length; a++) if (idx[a] == order[i]) out[i] = dims[a];
    }
    return out;
  }
}
