package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.canopy.cuda.layout.PairLayout;
import io.canopy.cuda.layout.SmallOperandTile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every small-operand shape the backend takes has its kernel variant in the built PTX. */
class SmallOperandKernelNamesTest {
  @Test
  void productsOfGatesTakeTheTensorCoresInBothPrecisions() {
    // a product of gates on a 2^30-element state: 4 contracted bits, 3 free bits of the small operand
    for (DType t : DType.values()) {
      SmallOperandTile gates = SmallOperandTile.of(new PairLayout.Operand(new int[] {1, 2, 3}, new int[] {10, 4, 16}),
          new int[] {2}, 3, SmallOperandTile.tileBits(t.bytes));
      assertTrue(Kernels.smallOperandOnTensorCores(t, gates), t.name());
      assertEquals("small_operand_" + t.suffix + "_k4_tc", Kernels.smallOperandKernel(t, gates, true));
      assertTrue(Kernels.smallOperandKernel(t, gates, false).endsWith("_g0"), t.name());
    }
    // complex64: a small operand of 2^11 elements has no room for its fp32 block form
    SmallOperandTile wide = SmallOperandTile.of(new PairLayout.Operand(new int[] {1, 2}, new int[] {20, 4}),
        new int[] {2}, 7, SmallOperandTile.tileBits(DType.F32.bytes));
    assertFalse(Kernels.smallOperandOnTensorCores(DType.F32, wide));
    assertTrue(Kernels.smallOperandOnTensorCores(DType.F16, wide));
    // a two-qubit gate stays on the CUDA cores (measured faster there)
    SmallOperandTile gate = SmallOperandTile.of(new PairLayout.Operand(new int[] {1, 2, 3}, new int[] {10, 2, 18}),
        new int[] {2}, 2, SmallOperandTile.tileBits(DType.F16.bytes));
    assertEquals("small_operand_f16_k2_g2", Kernels.smallOperandKernel(DType.F16, gate, true));
    // no free bits in the small operand: no n tile, CUDA cores
    SmallOperandTile vector = SmallOperandTile.of(new PairLayout.Operand(new int[] {1, 2}, new int[] {20, 3}),
        new int[] {2}, 0, SmallOperandTile.tileBits(DType.F16.bytes));
    assertFalse(Kernels.smallOperandOnTensorCores(DType.F16, vector));
  }

  @Test
  void complexHalfTakesTheTensorCoresFromTwoNTilesAtTwoToTheThreeContractedValues() {
    int bits = SmallOperandTile.tileBits(DType.F16.bytes);
    PairLayout.Operand large = new PairLayout.Operand(new int[] {1, 2}, new int[] {20, 3});
    assertFalse(Kernels.smallOperandOnTensorCores(DType.F16, SmallOperandTile.of(large, new int[] {2}, 2, bits)));
    assertEquals("small_operand_f16_k3_tc",
        Kernels.smallOperandKernel(DType.F16, SmallOperandTile.of(large, new int[] {2}, 3, bits), true));
    // 2^8 free values: more n tile groups than a block has warps, so no warp could hold its B fragments
    assertFalse(Kernels.smallOperandOnTensorCores(DType.F16, SmallOperandTile.of(large, new int[] {2}, 8, bits)));
    assertFalse(Kernels.smallOperandOnTensorCores(DType.F32, SmallOperandTile.of(large, new int[] {2}, 3, bits)));
  }

  @Test
  void everyShapeTheBackendTakesHasAKernel() throws IOException {
    String ptx;
    try (InputStream in = Kernels.class.getResourceAsStream(Kernels.PTX_RESOURCE)) {
      assumeTrue(in != null, "skipped: no PTX on the class path (built without nvcc)");
      ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    for (int k = 0; k <= SmallOperandTile.MAX_CONTRACTED_BITS; k++) {
      for (int f = 0; f <= SmallOperandTile.MAX_SMALL_FREE_BITS && k + f <= SmallOperandTile.MAX_SMALL_BITS; f++) {
        // a large operand of 20 free bits with k contracted bits; the small one has f free bits
        for (DType t : DType.values()) {
          SmallOperandTile tile = SmallOperandTile.of(new PairLayout.Operand(new int[] {1, 2}, new int[] {20, k}),
              new int[] {2}, f, SmallOperandTile.tileBits(t.bytes));
          for (boolean tensorCores : new boolean[] {false, true}) {
            String name = Kernels.smallOperandKernel(t, tile, tensorCores);
            assertTrue(ptx.contains(".entry " + name + "("), name + " is not in the PTX");
          }
        }
      }
    }
  }
}
