package io.canopy.cuda.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the tiled permutation kernel ({@code permute_tiled_*} in canopy_kernels.cu) cuts a
 * permutation into tiles of 64 x 64 elements, for permutations that move the fastest bits.
 *
 * <p>A plain gather writes the output in order and reads the input through the bit map; when the
 * output's fastest bits come from slow input bits, a warp's reads land 32 different places and
 * most of each memory transaction is wasted. A tile instead spans the output's 6 fastest bits
 * (the write side) and the 6 output bits that land on the input's fastest bits (the read side),
 * filled up to 12 bits with the next slowest output bits: the block reads the tile in input order
 * (runs of 64 consecutive input elements), stages it in shared memory, and writes it in output
 * order (runs of 64 consecutive output elements). Every other output bit numbers the tiles.
 *
 * <p>Inside a tile, element {@code k = hi * 64 + lo} of the read side is the output position with
 * {@code lo}'s bits at {@link #readLo()} and {@code hi}'s at {@link #readHi()}; element {@code k}
 * of the write side has {@code lo}'s bits at output bits 0..5 and {@code hi}'s at
 * {@link #writeHi()}. Shared memory holds the tile in write order; {@link #readLoSlot()} and
 * {@link #readHiSlot()} say which bit of the write-order index each read-side bit becomes.
 */
public record TransposeTile(int[] readLo, int[] readHi, int[] readLoSlot, int[] readHiSlot, int[] writeHi, int[] rest) {
  /** Bits per tile side: 64 consecutive elements, 128 bytes of fp16 or 256 of fp32 per run. */
  public static final int SIDE_BITS = 6;
  /** Bits of a tile: 4096 elements. */
  public static final int TILE_BITS = 2 * SIDE_BITS;

  /**
   * The tiling of {@code map}, or empty where a plain gather already reads runs of at least 64
   * consecutive elements (the fastest 6 bits stay in place) or the tensor is smaller than a tile.
   */
  public static Optional<TransposeTile> of(BitMap map) {
    int bits = map.bits();
    if (bits < TILE_BITS) return Optional.empty();
    int[] outputOfInput = new int[bits];
    boolean fastestInPlace = true;
    for (int p = 0; p < bits; p++) {
      int in = map.inputBit(p);
      outputOfInput[in] = p;
      if (p < SIDE_BITS && in != p) fastestInPlace = false;
    }
    if (fastestInPlace) return Optional.empty();

    boolean[] inTile = new boolean[bits];
    int[] readLo = new int[SIDE_BITS];
    for (int b = 0; b < SIDE_BITS; b++) {
      readLo[b] = outputOfInput[b];
      inTile[readLo[b]] = true;
      inTile[b] = true;
    }
    int size = 0;
    for (boolean t : inTile) if (t) size++;
    for (int p = 0; p < bits && size < TILE_BITS; p++) {
      if (!inTile[p]) {
        inTile[p] = true;
        size++;
      }
    }
    int[] writeHi = select(inTile, bits, p -> p >= SIDE_BITS);
    int[] readHi = select(inTile, bits, p -> !contains(readLo, p));
    List<Integer> rest = new ArrayList<>();
    for (int p = 0; p < bits; p++) if (!inTile[p]) rest.add(p);
    int[] readLoSlot = new int[SIDE_BITS];
    int[] readHiSlot = new int[SIDE_BITS];
    for (int b = 0; b < SIDE_BITS; b++) {
      readLoSlot[b] = slot(readLo[b], writeHi);
      readHiSlot[b] = slot(readHi[b], writeHi);
    }
    return Optional.of(new TransposeTile(readLo, readHi, readLoSlot, readHiSlot, writeHi,
        rest.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Number of tiles of a tensor of {@code 2^bits} elements. */
  public long tiles() { return 1L << rest.length; }

  /** The bit of the write-order tile index that output bit {@code p} (a tile bit) occupies. */
  private static int slot(int p, int[] writeHi) {
    if (p < SIDE_BITS) return p;
    for (int j = 0; j < writeHi.length; j++) if (writeHi[j] == p) return SIDE_BITS + j;
    throw new IllegalStateException("output bit " + p + " is not a bit of the tile");
  }

  private static int[] select(boolean[] inTile, int bits, java.util.function.IntPredicate keep) {
    int[] out = new int[SIDE_BITS];
    int n = 0;
    for (int p = 0; p < bits; p++) if (inTile[p] && keep.test(p)) out[n++] = p;
    if (n != SIDE_BITS) throw new IllegalStateException("a tile side has " + n + " bits, expected " + SIDE_BITS);
    return out;
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) if (x == v) return true;
    return false;
  }

  /**
   * The kernel parameter: {@code struct TransposeTile { int readLo[6], readHi[6], readLoSlot[6],
   * readHiSlot[6], writeHi[6]; int restCount; int rest[40]; }}.
   */
  public byte[] toKernelParam() {
    ByteBuffer b = ByteBuffer.allocate(4 * (5 * SIDE_BITS + 1 + BitMap.MAX_SEGMENTS)).order(ByteOrder.LITTLE_ENDIAN);
    for (int[] part : new int[][] {readLo, readHi, readLoSlot, readHiSlot, writeHi}) for (int v : part) b.putInt(v);
    b.putInt(rest.length);
    for (int j = 0; j < BitMap.MAX_SEGMENTS; j++) b.putInt(j < rest.length ? rest[j] : 0);
    return b.array();
  }
}
