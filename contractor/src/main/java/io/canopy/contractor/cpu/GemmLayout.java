package io.canopy.contractor.cpu;

import io.canopy.contractor.PairContraction;
import java.util.Arrays;

/**
 * How the operands of a contraction without batch indices enter one GEMM while permuting as
 * little as possible. An operand whose contracted indices form one block at its start or its end
 * is already a row-major matrix {@code [free, k]} or {@code [k, free]}, which BLAS reads as is
 * (transposed if need be); only the order of the contracted indices must agree between the two
 * operands. Of the two orders the operands offer, the one that leaves fewer elements to permute
 * wins; an operand that still does not fit is permuted to {@code [free, k]} (left) or
 * {@code [k, free]} (right), its free indices then taking the order they have in the caller's
 * {@code keep} (which is how a caller steers the layout of the product towards what the next
 * contraction wants). The product is laid out {@code [left free..., right free...]}.
 */
final class GemmLayout {
  /** Layout the left operand must have ({@code a}'s own order when it is used as is). */
  final int[] left;
  /** Whether the left operand is stored {@code [k, m]}. */
  final boolean transLeft;
  final int[] right;
  /** Whether the right operand is stored {@code [n, k]}. */
  final boolean transRight;
  /** Layout of the product: the left operand's free indices, then the right's, as laid out. */
  final int[] result;
  private GemmLayout(int[] left, boolean transLeft, int[] right, boolean transRight, int[] result) {
    this.left = left;
    this.transLeft = transLeft;
    this.right = right;
    this.transRight = transRight;
    this.result = result;
  }

  /**
   * @param a left operand's indices in memory order
   * @param b right operand's indices in memory order
   * @param pair the contraction, which must have no batch indices
   * @param keep the kept indices, in the order permuted operands should give their free indices
   */
  static GemmLayout choose(int[] a, long aSize, int[] b, long bSize, PairContraction pair, int[] keep) {
    if (pair.batch().length > 0) throw new IllegalArgumentException("batch contractions take the batched path");
    int[] fa = pair.left();
    int[] fb = pair.right();
    int[] ka = only(a, pair.contracted());
    int[] kb = only(b, pair.contracted());
    long costA = cost(a, fa, ka, aSize) + cost(b, fb, ka, bSize);
    long costB = cost(a, fa, kb, aSize) + cost(b, fb, kb, bSize);
    int[] k = costA <= costB ? ka : kb;
    int[] leftLayout;
    boolean transLeft;
    if (Arrays.equals(a, concat(fa, k))) {
      leftLayout = a;
      transLeft = false;
    } else if (Arrays.equals(a, concat(k, fa))) {
      leftLayout = a;
      transLeft = true;
    } else {
      fa = only(keep, fa);
      leftLayout = concat(fa, k);
      transLeft = false;
    }
    int[] rightLayout;
    boolean transRight;
    if (Arrays.equals(b, concat(k, fb))) {
      rightLayout = b;
      transRight = false;
    } else if (Arrays.equals(b, concat(fb, k))) {
      rightLayout = b;
      transRight = true;
    } else {
      fb = only(keep, fb);
      rightLayout = concat(k, fb);
      transRight = false;
    }
    return new GemmLayout(leftLayout, transLeft, rightLayout, transRight, concat(fa, fb));
  }

  /** Elements to permute for an operand to read as a matrix with contracted order {@code k}. */
  private static long cost(int[] x, int[] free, int[] k, long size) {
    return Arrays.equals(x, concat(free, k)) || Arrays.equals(x, concat(k, free)) ? 0 : size;
  }

  /** The entries of {@code x} that are in {@code set}, in x's order. */
  private static int[] only(int[] x, int[] set) {
    return Arrays.stream(x).filter(ix -> Arrays.stream(set).anyMatch(s -> s == ix)).toArray();
  }

  private static int[] concat(int[] p, int[] q) {
    int[] out = Arrays.copyOf(p, p.length + q.length);
    System.arraycopy(q, 0, out, p.length, q.length);
    return out;
  }
}
