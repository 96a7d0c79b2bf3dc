package io.canopy.cuda.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.contractor.Precision;
import io.canopy.cuda.ComplexProduct;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import io.canopy.planner.io.PlanFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {
  /** A chain A[0,1] B[1,2] C[2,3] -> [0,3], every index of size 2, contracted left to right. */
  private static Plan chain() {
    ContractionProblem p = new ContractionProblem(new int[][] {{0, 1}, {1, 2}, {2, 3}}, new int[] {0, 3},
        new int[] {1, 1, 1, 1});
    return new Plan(ContractionTree.fromSsaPath(p, new int[][] {{0, 1}, {3, 2}}));
  }

  @Test
  void countsInputsIntermediatesScratchAndTheSliceSum() {
    // 12 input elements at 8 bytes, a 4-element fp32 sum, then the first step: a 4-element output
    // and 1.5 * (4 + 4 + 4) elements of 3M scratch (GEMM path: the small-operand kernel off)
    MemoryPlan m = MemoryPlan.of(chain(), Precision.COMPLEX64, ComplexProduct.GAUSS_3M, false);
    assertEquals(96 + 32 + 8 * (4 + 18), m.bytes());
    assertEquals(m.bytes(), m.bytesWithFallback());
  }

  @Test
  void halfCountsTheComplex64RecomputationOfAStep() {
    MemoryPlan m = MemoryPlan.of(chain(), Precision.COMPLEX_HALF, ComplexProduct.GAUSS_3M, false);
    assertEquals(48 + 32 + 4 * (4 + 18), m.bytes());
    assertEquals(m.bytes() + 8 * (4 + 4 + 4 + 18), m.bytesWithFallback());
  }

  @Test
  void blockFormNeedsLessScratchForThisChain() {
    MemoryPlan block = MemoryPlan.of(chain(), Precision.COMPLEX64, ComplexProduct.BLOCK_4M, false);
    MemoryPlan gauss = MemoryPlan.of(chain(), Precision.COMPLEX64, ComplexProduct.GAUSS_3M, false);
    assertTrue(block.bytes() < gauss.bytes());
  }

  /** A two-qubit gate G[1, 0, 14, 15] on a 14-qubit state S[0..13] -> [15, 14, 2..13]. */
  private static Plan gateOnState() {
    int[] state = IntStream.range(0, 14).toArray();
    int[] output = IntStream.concat(IntStream.of(15, 14),
        IntStream.range(2, 14)).toArray();
    int[] sizes = new int[16];
    Arrays.fill(sizes, 1);
    ContractionProblem p = new ContractionProblem(new int[][] {state, {1, 0, 14, 15}}, output, sizes);
    return new Plan(ContractionTree.fromSsaPath(p, new int[][] {{0, 1}}));
  }

  @Test
  void smallOperandStepsNeedNoScratch() {
    double n = 1 << 14;
    // inputs (2^14 + 16 elements), the fp32 sum and the result (2^14 each): nothing else
    MemoryPlan kernel = MemoryPlan.of(gateOnState(), Precision.COMPLEX_HALF, ComplexProduct.MIXED);
    assertEquals((long) (4 * (n + 16) + 8 * n + 4 * n), kernel.bytes());
    assertEquals(kernel.bytes() + (long) (8 * (n + 16 + n)), kernel.bytesWithFallback());
    // through cuBLAS the same step is a 4M GEMM: a permuted copy of the state and the gate's block form
    MemoryPlan gemm = MemoryPlan.of(gateOnState(), Precision.COMPLEX_HALF, ComplexProduct.MIXED, false);
    assertEquals(kernel.bytes() + (long) (4 * (n + 32)), gemm.bytes());
  }

  @Test
  void plansSlicedToFillTheGpuFitWhereTheyRan() throws IOException {
    // the m14 2^33 plan ran at a measured peak of 64.25 GiB in complex-half (docs/benchmarks.md);
    // counting 4M scratch for its gate steps put it at 96.25 GiB, off an 80 GB card
    Plan plan;
    // tests run in the module directory under Maven, from the repository root on the GPU host
    Path dir = Files.isDirectory(Path.of("bench-plans")) ? Path.of("bench-plans") : Path.of("cuda", "bench-plans");
    Path file = dir.resolve("n53_m14_2e33.json");
    try (InputStream in = Files.newInputStream(file)) {
      plan = PlanFile.read(in, file.toString());
    }
    double gib = MemoryPlan.of(plan, Precision.COMPLEX_HALF, ComplexProduct.MIXED).bytes() / Math.pow(2, 30);
    assertTrue(gib < 70, "complex-half peak " + gib + " GiB");
    double before = MemoryPlan.of(plan, Precision.COMPLEX_HALF, ComplexProduct.MIXED, false).bytes() / Math.pow(2, 30);
    assertTrue(before > 90, "GEMM-path peak " + before + " GiB");
  }

  @Test
  void refusesComplex128() {
    assertThrows(IllegalArgumentException.class, () -> MemoryPlan.of(chain(), Precision.COMPLEX128, ComplexProduct.BLOCK_4M));
  }
}
