package io.canopy.cuda.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The tiled permutation kernel's index arithmetic, replayed on the host: every output position is
 * written exactly once, with the element the bit map says, and the shared-memory slot a read
 * fills is the slot the write of the same position empties.
 */
class TransposeTileTest {
  private static final int SIDE = 1 << TransposeTile.SIDE_BITS;

  @Test
  void reversalMovesEveryElementOnce() {
    int[] dims = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    replay(dims, reversed(ids(dims.length)));
  }

  @Test
  void oddAxisSizesAndSlowAxesMadeFastest() {
    int[] dims = {3, 1, 2, 5, 1, 2};
    int[] target = {1, 2, 3, 4, 5, 0};
    replay(dims, target);
    replay(dims, new int[] {5, 4, 0, 1, 2, 3});
  }

  @Test
  void randomPermutationsOfSize2Axes() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 12 + rnd.nextInt(5);
      int[] dims = new int[n];
      Arrays.fill(dims, 1);
      int[] target = ids(n);
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = target[i];
        target[i] = target[j];
        target[j] = t;
      }
      int[] stored = ids(n);
      if (TransposeTile.of(BitMap.gather(stored, dims, target)).isPresent()) replay(dims, target);
    }
  }

  @Test
  void noTilingWhereTheFastestBitsStayOrTheTensorIsSmall() {
    int[] dims = {2, 3, 1, 6};
    assertFalse(TransposeTile.of(BitMap.gather(ids(4), dims, new int[] {2, 1, 0, 3})).isPresent());
    int[] small = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    assertFalse(TransposeTile.of(BitMap.gather(ids(11), small, reversed(ids(11)))).isPresent());
  }

  /** Runs the kernel's two phases over every tile and checks the output against the map. */
  private static void replay(int[] dims, int[] target) {
    BitMap map = BitMap.gather(ids(dims.length), dims, target);
    TransposeTile tile = TransposeTile.of(map).orElseThrow();
    int bits = map.bits();
    long[] inLo = new long[SIDE], inHi = new long[SIDE], outHi = new long[SIDE];
    int[] slotLo = new int[SIDE], slotHi = new int[SIDE];
    for (int t = 0; t < SIDE; t++) {
      long lo = 0, hi = 0, oh = 0;
      int sl = 0, sh = 0;
      for (int b = 0; b < TransposeTile.SIDE_BITS; b++) {
        if (((t >> b) & 1) == 1) {
          lo |= 1L << tile.readLo()[b];
          hi |= 1L << tile.readHi()[b];
          oh |= 1L << tile.writeHi()[b];
          sl |= 1 << tile.readLoSlot()[b];
          sh |= 1 << tile.readHiSlot()[b];
        }
      }
      inLo[t] = map.offset(lo);
      inHi[t] = map.offset(hi);
      outHi[t] = oh;
      slotLo[t] = sl;
      slotHi[t] = sh;
    }
    // the kernel moves neighbour pairs: input bit 0 is the read side's lowest bit
    for (int lo = 0; lo < SIDE; lo += 2) assertEquals(inLo[lo] + 1, inLo[lo + 1], "read pair at " + lo);
    long[] out = new long[1 << bits];
    Arrays.fill(out, -1);
    int tileElements = 1 << TransposeTile.TILE_BITS;
    for (long r = 0; r < tile.tiles(); r++) {
      long base = 0;
      for (int b = 0; b < tile.rest().length; b++) base |= ((r >> b) & 1L) << tile.rest()[b];
      long inBase = map.offset(base);
      long[] shared = new long[SIDE * (SIDE + 1)];
      Arrays.fill(shared, -1);
      for (int k = 0; k < tileElements; k++) {
        // the stored input "value" is its own offset
        long src = inBase | inLo[k & (SIDE - 1)] | inHi[k >> TransposeTile.SIDE_BITS];
        int e = slotLo[k & (SIDE - 1)] | slotHi[k >> TransposeTile.SIDE_BITS];
        int s = e + (e >> TransposeTile.SIDE_BITS);
        assertEquals(-1, shared[s], "slot " + s + " filled twice in tile " + r);
        shared[s] = src;
      }
      for (int k = 0; k < tileElements; k++) {
        int s = k + (k >> TransposeTile.SIDE_BITS);
        long dst = base | (k & (SIDE - 1)) | outHi[k >> TransposeTile.SIDE_BITS];
        assertEquals(-1, out[(int) dst], "output position " + dst + " written twice");
        out[(int) dst] = shared[s];
      }
    }
    for (int pos = 0; pos < out.length; pos++) {
      assertEquals(map.offset(pos), out[pos], "output position " + pos + " of " + Arrays.toString(target));
    }
    assertTrue(tile.rest().length + TransposeTile.TILE_BITS == bits);
  }

  private static int[] ids(int n) { return IntStream.range(0, n).toArray(); }

  private static int[] reversed(int[] a) {
    int[] r = new int[a.length];
    for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
    return r;
  }
}
