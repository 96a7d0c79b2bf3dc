package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.Precision;
import io.canopy.contractor.SliceContractor;
import io.canopy.cuda.memory.MemoryPlan;
import io.canopy.planner.Plan;
import io.canopy.planner.SmallOperandFusion;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sliced contractions of a small Sycamore-style circuit on the GPU, summed over all slices, against
 * the state vector and against the CPU backend.
 */
class CircuitSliceTest {
  private static SmallCircuit small;

  @BeforeAll
  static void planTheNetwork() {
    small = new SmallCircuit();
  }

  @BeforeEach
  void needsGpu() { Gpu.assumePresent(); }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX64", "COMPLEX_HALF"})
  void allSlicesSumToTheStateVectorAmplitudes(Precision precision) {
    assertTrue(small.plan.numSlices() > 1, "the plan should be sliced, has " + small.plan.numSlices() + " slices");
    double[][] ref = stateVectorAmplitudes();
    for (ComplexProduct product : ComplexProduct.values()) {
      for (boolean smallOperandKernel : new boolean[] {true, false}) {
        HostTensor out = contractAll(precision, product, true, smallOperandKernel);
        double err = DenseReference.relativeError(out.re(), out.im(), ref[0], ref[1]);
        assertTrue(err < bound(precision), precision + " " + product + (smallOperandKernel ? "" : " without the small-operand kernel")
            + ": relative error " + err + " over " + small.plan.numSlices() + " slices");
      }
    }
  }

  /**
   * Runs of small operands fused (limits scaled down to this circuit's 2^10 tensors, where the
   * default limits fuse nothing) give the state vector's amplitudes.
   */
  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX64", "COMPLEX_HALF"})
  void fusedRunsOfSmallOperandsGiveTheStateVectorAmplitudes(Precision precision) {
    SmallOperandFusion.Limits limits = new SmallOperandFusion.Limits(6, 6, 8);
    SmallOperandFusion.Result fused = SmallOperandFusion.apply(small.plan.tree(), limits);
    assertTrue(fused.fused() > 0, "the limits should fuse runs of this plan");
    Plan executed = new Plan(fused.tree());
    try (CudaBackend gpu = new CudaBackend(0, precision, MemoryPlan.of(executed, precision, ComplexProduct.DEFAULT))) {
      gpu.fuseSmallOperands(Optional.of(limits));
      SliceContractor contractor = new SliceContractor(small.plan, gpu);
      assertEquals(fused.tree().writesPerSlice(), contractor.tree().writesPerSlice(), "the contractor walks the fused tree");
      HostTensor out = contractor.contractAll(small.network);
      double[][] ref = stateVectorAmplitudes();
      double err = DenseReference.relativeError(out.re(), out.im(), ref[0], ref[1]);
      assertTrue(err < bound(precision), precision + " with " + fused.fused() + " runs fused: relative error " + err);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX64", "COMPLEX_HALF"})
  void allSlicesAgreeWithTheCpuBackend(Precision precision) {
    Optional<HostTensor> cpu = CpuReference.smallCircuit(small);
    assumeTrue(cpu.isPresent(), "skipped: no CPU backend results (ND4J is not on the class path and "
        + CpuReference.PROPERTY + " names no folder of them)");
    HostTensor gpu = contractAll(precision, ComplexProduct.DEFAULT);
    double err = DenseReference.relativeError(gpu.re(), gpu.im(), cpu.get().re(), cpu.get().im());
    assertTrue(err < bound(precision), precision + ": relative error " + err);
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX64", "COMPLEX_HALF"})
  void uploadsOnTheSecondStreamGiveIdenticalResults(Precision precision) {
    HostTensor overlapped = contractAll(precision, ComplexProduct.DEFAULT, true);
    HostTensor synchronous = contractAll(precision, ComplexProduct.DEFAULT, false);
    assertArrayEquals(synchronous.re(), overlapped.re(), precision + ": real parts");
    assertArrayEquals(synchronous.im(), overlapped.im(), precision + ": imaginary parts");
  }

  /**
   * complex-half checks left on the device by small-operand steps change no bit of the result: the
   * kernels remove the same powers of two the host would. Small GEMM steps that leave theirs too
   * run widened to fp32 (cuBLAS sums in another order), so with them the results agree to within
   * fp16 rounding.
   */
  @Test
  void deferredHalfChecksGiveTheSameResults() {
    HostTensor immediate = contractAllHalf(false, false);
    HostTensor smallOperandSteps = contractAllHalf(true, false);
    assertArrayEquals(immediate.re(), smallOperandSteps.re(), "real parts");
    assertArrayEquals(immediate.im(), smallOperandSteps.im(), "imaginary parts");
    HostTensor all = contractAllHalf(true, true);
    double err = DenseReference.relativeError(all.re(), all.im(), immediate.re(), immediate.im());
    assertTrue(err < 2e-3, "deferred GEMM steps: relative difference " + err);
  }

  private static HostTensor contractAllHalf(boolean deferChecks, boolean deferGemmSteps) {
    try (CudaBackend gpu = new CudaBackend(0, Precision.COMPLEX_HALF,
        MemoryPlan.of(small.plan, Precision.COMPLEX_HALF, ComplexProduct.DEFAULT))) {
      gpu.deferHalfChecks(deferChecks);
      gpu.deferGemmSteps(deferGemmSteps);
      return new SliceContractor(small.plan, gpu).contractAll(small.network);
    }
  }

  /** The state vector's amplitudes over the open qubits: real parts, imaginary parts. */
  private static double[][] stateVectorAmplitudes() {
    StateVector sv = new StateVectorSimulator(1).run(small.circuit);
    int[] open = SmallCircuit.OPEN;
    double[][] ref = new double[2][1 << open.length];
    for (int r = 0; r < ref[0].length; r++) {
      char[] bits = SmallCircuit.CLOSED.toCharArray();
      for (int k = 0; k < open.length; k++) bits[open[k]] = ((r >> (open.length - 1 - k)) & 1) == 1 ? '1' : '0';
      double[] amp = sv.amplitude(new String(bits));
      ref[0][r] = amp[0];
      ref[1][r] = amp[1];
    }
    return ref;
  }

  private static HostTensor contractAll(Precision precision, ComplexProduct product) {
    return contractAll(precision, product, true);
  }

  private static HostTensor contractAll(Precision precision, ComplexProduct product, boolean overlapUploads) {
    return contractAll(precision, product, overlapUploads, true);
  }

  private static HostTensor contractAll(Precision precision, ComplexProduct product, boolean overlapUploads,
      boolean smallOperandKernel) {
    try (CudaBackend gpu = new CudaBackend(0, precision, MemoryPlan.of(small.plan, precision, product), product, false)) {
      gpu.overlapUploads(overlapUploads);
      gpu.useSmallOperandKernel(smallOperandKernel);
      return new SliceContractor(small.plan, gpu).contractAll(small.network);
    }
  }

  private static double bound(Precision precision) {
    return precision == Precision.COMPLEX64 ? 1e-5 : 2e-2;
  }
}
