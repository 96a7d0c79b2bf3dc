package io.canopy.cuda.layout;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The roles of the indices in one pairwise contraction C = A . B: batch (in both operands and
 * kept), contracted (in both, summed), and free (in one operand, kept). As a batched matrix product
 * that is {@code C[b][i][j] = sum_k A[b][i][k] B[b][k][j]} with {@code b}, {@code i}, {@code j},
 * {@code k} the concatenated batch, free-A, free-B and contracted indices.
 *
 * <p>Each group is listed in the order its indices have in operand A (free-B in B's order); a
 * caller may pick another order for the contracted group, since only A and B must agree on it.
 */
public final class PairLayout {
  private final Operand a;
  private final Operand b;
  private final int[] batch;
  private final int[] contracted;
  private final int[] freeA;
  private final int[] freeB;

  /** One operand: its index ids in memory order and their log2 sizes. */
  public record Operand(int[] indices, int[] log2Dims) {
    public int log2Size(int index) {
      for (int x = 0; x < indices.length; x++) if (indices[x] == index) return log2Dims[x];
      throw new IllegalArgumentException("index " + index + " is not an index of the operand");
    }

    public boolean has(int index) {
      for (int ix : indices) if (ix == index) return true;
      return false;
    }

    public int log2Size() { return IntStream.of(log2Dims).sum(); }
  }

  private PairLayout(Operand a, Operand b, int[] batch, int[] contracted, int[] freeA, int[] freeB) {
    this.a = a;
    this.b = b;
    this.batch = batch;
    this.contracted = contracted;
    this.freeA = freeA;
    this.freeB = freeB;
  }

  /**
   * Classifies the indices of a pairwise contraction.
   *
   * @throws IllegalArgumentException if an index of one operand alone is not kept (a trace), a
   *     kept index is in neither operand, or an index is repeated within an operand
   */
  public static PairLayout of(Operand a, Operand b, int[] keep) {
    checkDistinct(a.indices(), "first operand");
    checkDistinct(b.indices(), "second operand");
    checkDistinct(keep, "kept indices");
    for (int k : keep) {
      if (!a.has(k) && !b.has(k)) throw new IllegalArgumentException("kept index " + k + " is in neither operand");
    }
    IntStream.Builder batch = IntStream.builder();
    IntStream.Builder contracted = IntStream.builder();
    IntStream.Builder freeA = IntStream.builder();
    for (int ix : a.indices()) {
      boolean kept = contains(keep, ix);
      if (b.has(ix)) {
        if (a.log2Size(ix) != b.log2Size(ix)) {
          throw new IllegalArgumentException("index " + ix + " has log2 size " + a.log2Size(ix)
              + " in one operand and " + b.log2Size(ix) + " in the other");
        }
        (kept ? batch : contracted).add(ix);
      } else if (kept) {
        freeA.add(ix);
      } else {
        throw new IllegalArgumentException("index " + ix + " of the first operand is neither kept nor shared (a trace)");
      }
    }
    IntStream.Builder freeB = IntStream.builder();
    for (int ix : b.indices()) {
      if (a.has(ix)) continue;
      if (!contains(keep, ix)) {
        throw new IllegalArgumentException("index " + ix + " of the second operand is neither kept nor shared (a trace)");
      }
      freeB.add(ix);
    }
    return new PairLayout(a, b, batch.build().toArray(), contracted.build().toArray(),
        freeA.build().toArray(), freeB.build().toArray());
  }

  private static void checkDistinct(int[] ids, String what) {
    if (IntStream.of(ids).distinct().count() != ids.length) {
      throw new IllegalArgumentException(what + " repeat an index: " + Arrays.toString(ids));
    }
  }

  private static boolean contains(int[] ids, int ix) {
    for (int x : ids) if (x == ix) return true;
    return false;
  }

  public int[] batch() { return batch.clone(); }

  public int[] contracted() { return contracted.clone(); }

  public int[] freeA() { return freeA.clone(); }

  public int[] freeB() { return freeB.clone(); }

  public int log2Batch() { return sum(batch); }

  public int log2Contracted() { return sum(contracted); }

  public int log2FreeA() { return sum(freeA); }

  public int log2FreeB() { return sum(freeB); }

  /** log2 of the complex multiply-adds: all distinct indices of both operands. */
  public int log2MultiplyAdds() { return log2Batch() + log2Contracted() + log2FreeA() + log2FreeB(); }

  private int sum(int[] ids) {
    int s = 0;
    for (int ix : ids) s += a.has(ix) ? a.log2Size(ix) : b.log2Size(ix);
    return s;
  }

  /** log2 sizes of the given indices, parallel to them. */
  public int[] log2Sizes(int[] ids) {
    int[] s = new int[ids.length];
    for (int x = 0; x < ids.length; x++) s[x] = a.has(ids[x]) ? a.log2Size(ids[x]) : b.log2Size(ids[x]);
    return s;
  }

  /** The members of {@code subset} in the order they appear in {@code order}. */
  public static int[] inOrderOf(int[] subset, int[] order) {
    return IntStream.of(order).filter(ix -> contains(subset, ix)).toArray();
  }

  /** Concatenation of index groups: a layout such as batch, free, contracted. */
  public static int[] concat(int[]... groups) {
    return Arrays.stream(groups).flatMapToInt(IntStream::of).toArray();
  }
}
