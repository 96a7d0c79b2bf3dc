package io.canopy.cuda;

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
          String name = Kernels.smallOperandKernel(t, tile);
          assertTrue(ptx.contains(".entry " + name + "("), name + " is not in the PTX");
        }
      }
    }
  }
}
