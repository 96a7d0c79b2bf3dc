package io.canopy.contractor;

import java.util.Arrays;

/**
 * The roles the indices of one pairwise contraction play, and the layouts that turn it into a
 * batched matrix product {@code C[b,m,n] = sum_k A[b,m,k] B[b,k,n]}:
 * <ul>
 *   <li>batch: in both operands and kept (a Hadamard index),
 *   <li>contracted: in both operands and not kept (summed over),
 *   <li>left / right: in one operand only (they must be kept: a summed index of one operand alone
 *       would be a trace, which the networks Canopy contracts never hold).
 * </ul>
 * Every group keeps the order its indices have in the left operand (the right operand for
 * right-only indices), so operands already laid out that way need no permutation. Backends share
 * this class so that every backend agrees on what a contraction means.
 */
public final class PairContraction {
  private final int[] batch;
  private final int[] left;
  private final int[] contracted;
  private final int[] right;

  private PairContraction(int[] batch, int[] left, int[] contracted, int[] right) {
    this.batch = batch;
    this.left = left;
    this.contracted = contracted;
    this.right = right;
  }

  /**
   * Classifies the indices of {@code a} and {@code b} for a contraction that keeps {@code keep}.
   *
   * @throws IllegalArgumentException if an operand repeats an index, a kept index is in neither
   *     operand, or an index of one operand only is not kept
   */
  public static PairContraction of(int[] a, int[] b, int[] keep) {
    requireDistinct(a, "left operand");
    requireDistinct(b, "right operand");
    requireDistinct(keep, "kept indices");
    int[] batch = new int[a.length];
    int[] left = new int[a.length];
    int[] contracted = new int[a.length];
    int[] right = new int[b.length];
    int nb = 0;
    int nl = 0;
    int nc = 0;
    int nr = 0;
    for (int ix : a) {
      boolean kept = contains(keep, ix);
      if (contains(b, ix)) {
        if (kept) batch[nb++] = ix;
        else contracted[nc++] = ix;
      } else if (kept) {
        left[nl++] = ix;
      } else {
        throw new IllegalArgumentException("index " + ix + " of the left operand is neither shared nor kept (a trace)");
      }
    }
    for (int ix : b) {
      if (contains(a, ix)) continue;
      if (!contains(keep, ix)) {
        throw new IllegalArgumentException("index " + ix + " of the right operand is neither shared nor kept (a trace)");
      }
      right[nr++] = ix;
    }
    for (int ix : keep) {
      if (!contains(a, ix) && !contains(b, ix)) {
        throw new IllegalArgumentException("kept index " + ix + " is in neither operand");
      }
    }
    return new PairContraction(Arrays.copyOf(batch, nb), Arrays.copyOf(left, nl),
        Arrays.copyOf(contracted, nc), Arrays.copyOf(right, nr));
  }

  /** Indices in both operands and kept. */
  public int[] batch() { return batch.clone(); }

  /** Indices of the left operand only (the rows m of the product). */
  public int[] left() { return left.clone(); }

  /** Indices summed over (k). */
  public int[] contracted() { return contracted.clone(); }

  /** Indices of the right operand only (the columns n of the product). */
  public int[] right() { return right.clone(); }

  /** Layout of the left operand as a batched matrix: batch, left, contracted. */
  public int[] leftLayout() { return concat(batch, left, contracted); }

  /** Layout of the right operand as a batched matrix: batch, contracted, right. */
  public int[] rightLayout() { return concat(batch, contracted, right); }

  /** Layout of the product: batch, left, right. */
  public int[] resultLayout() { return concat(batch, left, right); }

  /**
   * The axis permutation taking a tensor laid out as {@code from} to the layout {@code to}:
   * axis i of the result is axis {@code perm[i]} of the input (the convention of ND4J's and
   * NumPy's transpose).
   */
  public static int[] permutation(int[] from, int[] to) {
    if (from.length != to.length) throw new IllegalArgumentException("layouts differ in rank");
    int[] perm = new int[to.length];
    for (int i = 0; i < to.length; i++) {
      perm[i] = indexOf(from, to[i]);
      if (perm[i] < 0) throw new IllegalArgumentException("index " + to[i] + " is not in " + Arrays.toString(from));
    }
    return perm;
  }

  /** Whether a permutation leaves every axis in place. */
  public static boolean isIdentity(int[] perm) {
    for (int i = 0; i < perm.length; i++) if (perm[i] != i) return false;
    return true;
  }

  private static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) n += p.length;
    int[] out = new int[n];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static void requireDistinct(int[] indices, String what) {
    for (int i = 0; i < indices.length; i++) {
      for (int j = i + 1; j < indices.length; j++) {
        if (indices[i] == indices[j]) {
          throw new IllegalArgumentException("index " + indices[i] + " appears twice in the " + what);
        }
      }
    }
  }

  private static boolean contains(int[] indices, int ix) { return indexOf(indices, ix) >= 0; }

  static int indexOf(int[] indices, int ix) {
    for (int i = 0; i < indices.length; i++) if (indices[i] == ix) return i;
    return -1;
  }
}
