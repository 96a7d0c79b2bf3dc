package io.canopy.cuda.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * How the small-operand kernel ({@code small_operand_*} in canopy_kernels.cu) cuts the large
 * operand L of a contraction C = L . S whose other operand S is small (a gate, a few qubits'
 * worth of a tensor): into tiles that hold, for a run of L's free positions, every value of the
 * contracted indices, so that one pass reads L once and writes C once.
 *
 * <p>A tile ({@link #tileBits(int)} bits: 16 KiB of the large operand) is made of all contracted
 * bits of L's offset and its {@code freeCount} fastest free bits. Every bit of L below
 * {@link #lowBits()} is in the tile, so a tile is read as runs of {@code 2^lowBits} consecutive
 * elements; the contracted bits above it ({@link #highPos()}) say where the runs are. Tile index bits {@code [0, lowBits)} are those offset bits, bit
 * {@code lowBits + i} is {@code highPos[i]}. The remaining free bits ({@link #rest()}, ascending)
 * number the tiles.
 *
 * <p>C's index order is L's free indices in L's order, then S's free indices: the free bits of L
 * keep their order, so tile {@code r} writes the {@code 2^(freeCount + log2Out)} consecutive
 * elements starting at {@code r << (freeCount + log2Out)}, free position {@code q} of the tile and
 * S-free value {@code phi} at {@code q << log2Out | phi}. The contracted value {@code kappa} counts
 * L's contracted bits in ascending order, which is the row-major order of the contracted indices
 * as they appear in L.
 */
public record SmallOperandTile(int lowBits, int[] highPos, int[] kTile, int[] freeTile, int[] rest, int log2Out) {
  /** Bytes of the large operand in one tile (both planes). */
  public static final int TILE_BYTES = 16 * 1024;
  /** Bits of the largest tile: 4096 fp16 elements. */
  public static final int MAX_TILE_BITS = 12;
  /** Contracted bits the kernel's tile and register arrays are sized for. */
  public static final int MAX_CONTRACTED_BITS = 6;
  /** Free bits of the small operand: one value per thread of a 256-thread block at most. */
  public static final int MAX_SMALL_FREE_BITS = 8;
  /** Elements of the small operand (fp32 pairs in shared memory). */
  public static final int MAX_SMALL_BITS = 11;

  /** Bits of a tile of elements of {@code elementBytes} per part: 12 in fp16, 11 in fp32. */
  public static int tileBits(int elementBytes) {
    return Integer.numberOfTrailingZeros(TILE_BYTES / (2 * elementBytes));
  }

  /**
   * Raw tiles the tensor-core form and fp32 read ahead with cp.async (the kernel's
   * {@code SK_RING_STAGES}); fp16 on the CUDA cores holds the next tile in registers.
   */
  public static final int RING_STAGES = 2;

  /**
   * Dynamic shared memory of the kernel: the staged tile as fp32 (re, im) pairs whatever the
   * storage, with one pair of padding every 16 (the kernel's {@code SK_PAD}); for the fp16
   * tensor-core form fp16 pairs, four words of padding every 32 ({@code SK_HALF_PAD}); for the
   * fp32 (3xTF32) one fp32 pairs, swizzled rather than padded ({@code SK_SWIZZLE}); then, for the
   * tensor-core form and fp32, the ring of {@link #RING_STAGES} raw tiles.
   */
  public static int stagedBytes(int elementBytes, boolean tensorCores) {
    int elements = 1 << tileBits(elementBytes);
    boolean half = elementBytes == 2;
    int staged = !tensorCores ? (elements + elements / 16) * 2 * Float.BYTES
        : half ? (elements + elements / 8) * 2 * 2 : elements * 2 * Float.BYTES;
    boolean ring = tensorCores || elementBytes == Float.BYTES;
    return staged + (ring ? RING_STAGES * TILE_BYTES : 0);
  }

  /**
   * The tiling of {@code large}, contracted over {@code contracted}, with a small operand of
   * {@code log2Out} free bits, into tiles of {@code tileBits} bits ({@link #tileBits(int)}).
   */
  public static SmallOperandTile of(PairLayout.Operand large, int[] contracted, int log2Out, int tileBits) {
    int[] idx = large.indices();
    int[] dims = large.log2Dims();
    int bits = large.log2Size();
    boolean[] isContracted = new boolean[bits];
    int shift = 0;
    for (int a = idx.length - 1; a >= 0; a--) {
      int ix = idx[a];
      boolean c = Arrays.stream(contracted).anyMatch(x -> x == ix);
      for (int b = 0; b < dims[a]; b++) isContracted[shift + b] = c;
      shift += dims[a];
    }
    int[] kBits = positions(isContracted, true);
    int[] freeBits = positions(isContracted, false);
    if (kBits.length > MAX_CONTRACTED_BITS || log2Out > MAX_SMALL_FREE_BITS) {
      throw new IllegalArgumentException("small-operand tile needs at most " + MAX_CONTRACTED_BITS
          + " contracted and " + MAX_SMALL_FREE_BITS + " free bits of the small operand, got " + kBits.length
          + " and " + log2Out);
    }
    if (tileBits > MAX_TILE_BITS) throw new IllegalArgumentException("tiles have at most " + MAX_TILE_BITS + " bits");
    int freeCount = Math.min(freeBits.length, tileBits - kBits.length);
    boolean[] inTile = isContracted.clone();
    for (int i = 0; i < freeCount; i++) inTile[freeBits[i]] = true;
    int lowBits = 0;
    while (lowBits < bits && inTile[lowBits]) lowBits++;
    int low = lowBits;
    int[] highPos = Arrays.stream(kBits).filter(p -> p >= low).toArray();
    int[] kTile = new int[kBits.length];
    for (int i = 0; i < kBits.length; i++) {
      int p = kBits[i];
      kTile[i] = p < lowBits ? p : lowBits + indexOf(highPos, p);
    }
    int[] freeTile = Arrays.copyOf(freeBits, freeCount);
    int[] rest = Arrays.copyOfRange(freeBits, freeCount, freeBits.length);
    if (rest.length > BitMap.MAX_SEGMENTS) throw new IllegalArgumentException("tensor of " + bits + " bits is too large");
    return new SmallOperandTile(lowBits, highPos, kTile, freeTile, rest, log2Out);
  }

  private static int[] positions(boolean[] flags, boolean value) {
    int n = 0;
    for (boolean f : flags) if (f == value) n++;
    int[] out = new int[n];
    n = 0;
    for (int p = 0; p < flags.length; p++) if (flags[p] == value) out[n++] = p;
    return out;
  }

  private static int indexOf(int[] values, int v) {
    for (int i = 0; i < values.length; i++) if (values[i] == v) return i;
    throw new IllegalStateException("bit " + v + " is not a high tile bit");
  }

  public int contractedBits() { return kTile.length; }

  public int freeCount() { return freeTile.length; }

  /** Number of tiles. */
  public long tiles() { return 1L << rest.length; }

  /** Offset in L of element {@code j} of tile {@code r}; what the kernel's loading loop computes. */
  public long largeOffset(long r, int j) {
    long off = j & ((1L << lowBits) - 1);
    for (int i = 0; i < highPos.length; i++) off |= (long) ((j >> (lowBits + i)) & 1) << highPos[i];
    for (int i = 0; i < rest.length; i++) off |= ((r >> i) & 1L) << rest[i];
    return off;
  }

  /** Tile index of free position {@code q} and contracted value {@code kappa}; what the kernel reads. */
  public int tileIndex(int q, int kappa) {
    int j = 0;
    for (int i = 0; i < freeTile.length; i++) j |= ((q >> i) & 1) << freeTile[i];
    for (int i = 0; i < kTile.length; i++) j |= ((kappa >> i) & 1) << kTile[i];
    return j;
  }

  /**
   * The kernel parameter: {@code struct SmallOperandTile { int lowBits, highCount, highPos[6],
   * kTile[6], freeCount, freeTile[12], restCount, rest[40], log2Out; }}.
   */
  public byte[] toKernelParam() {
    ByteBuffer b = ByteBuffer.allocate(4 * (5 + 2 * MAX_CONTRACTED_BITS + MAX_TILE_BITS + BitMap.MAX_SEGMENTS))
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(lowBits);
    b.putInt(highPos.length);
    putPadded(b, highPos, MAX_CONTRACTED_BITS);
    putPadded(b, kTile, MAX_CONTRACTED_BITS);
    b.putInt(freeTile.length);
    putPadded(b, freeTile, MAX_TILE_BITS);
    b.putInt(rest.length);
    putPadded(b, rest, BitMap.MAX_SEGMENTS);
    b.putInt(log2Out);
    return b.array();
  }

  private static void putPadded(ByteBuffer b, int[] values, int size) {
    for (int i = 0; i < size; i++) b.putInt(i < values.length ? values[i] : 0);
  }
}
