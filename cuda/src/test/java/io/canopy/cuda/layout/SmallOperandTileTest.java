package io.canopy.cuda.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small-operand kernel's index arithmetic, replayed on the host. */
class SmallOperandTileTest {

  /**
   * Every element of the large operand is read exactly once over all tiles, and the element read
   * for (tile, free position, contracted value) is the one the definition names: free position
   * {@code r << freeCount | q} deposited on the free bits, the contracted value on the contracted
   * bits, both in ascending bit order.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void tilesCoverTheLargeOperandOnceAndReadTheDefinedElements(int seed) {
    for (int elementBytes : new int[] {2, 4}) tilesCoverOnceAndReadTheDefinedElements(seed, elementBytes);
  }

  private static void tilesCoverOnceAndReadTheDefinedElements(int seed, int elementBytes) {
    Random rnd = new Random(seed);
    int rank = 2 + rnd.nextInt(9);
    int[] indices = IntStream.range(0, rank).map(i -> 100 + i).toArray();
    int[] dims = IntStream.range(0, rank).map(i -> 1 + rnd.nextInt(3)).toArray();
    List<Integer> shuffled = new ArrayList<>();
    for (int ix : indices) shuffled.add(ix);
    Collections.shuffle(shuffled, rnd);
    List<Integer> contracted = new ArrayList<>();
    int kBits = 0;
    for (int ix : shuffled) {
      int d = dims[ix - 100];
      if (kBits + d <= SmallOperandTile.MAX_CONTRACTED_BITS && rnd.nextBoolean()) {
        contracted.add(ix);
        kBits += d;
      }
    }
    PairLayout.Operand large = new PairLayout.Operand(indices, dims);
    int bits = large.log2Size();
    SmallOperandTile tile = SmallOperandTile.of(large, contracted.stream().mapToInt(Integer::intValue).toArray(), 2,
        SmallOperandTile.tileBits(elementBytes));
    assertEquals(kBits, tile.contractedBits());
    assertEquals(tile.freeCount() + kBits, tile.lowBits() + tile.highPos().length, "tile bits");
    assertEquals(1L << bits, tile.tiles() << (tile.freeCount() + kBits), "tiles times tile size");

    boolean[] isK = new boolean[bits];
    int shift = 0;
    for (int a = rank - 1; a >= 0; a--) {
      for (int b = 0; b < dims[a]; b++) isK[shift + b] = contracted.contains(indices[a]);
      shift += dims[a];
    }
    int[] kPos = IntStream.range(0, bits).filter(p -> isK[p]).toArray();
    int[] freePos = IntStream.range(0, bits).filter(p -> !isK[p]).toArray();

    boolean[] seen = new boolean[1 << bits];
    int tileElements = 1 << (tile.freeCount() + kBits);
    for (long r = 0; r < tile.tiles(); r++) {
      for (int j = 0; j < tileElements; j++) {
        int off = (int) tile.largeOffset(r, j);
        assertFalse(seen[off], "offset " + off + " read twice");
        seen[off] = true;
      }
      for (int q = 0; q < 1 << tile.freeCount(); q++) {
        for (int kappa = 0; kappa < 1 << kBits; kappa++) {
          long p = r << tile.freeCount() | q;
          long expected = deposit(p, freePos) | deposit(kappa, kPos);
          assertEquals(expected, tile.largeOffset(r, tile.tileIndex(q, kappa)), "r " + r + " q " + q + " kappa " + kappa);
        }
      }
    }
    for (boolean s : seen) assertTrue(s, "every element is read");
  }

  @Test
  void tilesHold16KiBOfTheLargeOperandStagedAsPaddedFp32Pairs() {
    assertEquals(12, SmallOperandTile.tileBits(2));
    assertEquals(11, SmallOperandTile.tileBits(4));
    assertEquals((4096 + 256) * 8, SmallOperandTile.stagedBytes(2, false));
    assertEquals((2048 + 128) * 8 + 2 * 16384, SmallOperandTile.stagedBytes(4, false));
    assertEquals((4096 + 512) * 4 + 2 * 16384, SmallOperandTile.stagedBytes(2, true));
    assertEquals(2048 * 8 + 2 * 16384, SmallOperandTile.stagedBytes(4, true));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 6})
  void aTileIsReadInRunsOfAllBitsBelowItsLowBits(int contractedFastBits) {
    // contracted index fastest: the runs span it and the fastest free bits
    int[] indices = {1, 2, 3};
    int[] dims = {20, 4, contractedFastBits};
    for (int elementBytes : new int[] {2, 4}) {
      int bits = SmallOperandTile.tileBits(elementBytes);
      SmallOperandTile tile = SmallOperandTile.of(new PairLayout.Operand(indices, dims), new int[] {3}, 3, bits);
      assertEquals(bits, tile.lowBits());
      assertEquals(0, tile.highPos().length);
      assertEquals(bits - contractedFastBits, tile.freeCount());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 9})
  void refusesMoreContractedBitsThanTheKernelHolds(int bits) {
    assertThrows(IllegalArgumentException.class, () -> SmallOperandTile.of(
        new PairLayout.Operand(new int[] {1, 2}, new int[] {bits, 10}), new int[] {1}, 0, SmallOperandTile.tileBits(2)));
  }

  private static long deposit(long value, int[] positions) {
    long out = 0;
    for (int i = 0; i < positions.length; i++) out |= ((value >> i) & 1L) << positions[i];
    return out;
  }
}
