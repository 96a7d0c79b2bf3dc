package io.canopy.contractor.cpu;

import io.canopy.contractor.PairContraction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the operands of a contraction without batch indices enter GEMMs while permuting as little
 * as possible, now and at the next contraction.
 *
 * <p>An operand is read as is when its contracted indices form one block: at its end or start it
 * is a row-major matrix {@code [free, k]} or {@code [k, free]}, which BLAS reads as is (transposed
 * if need be); in the middle, {@code [P, k, Q]}, it is a stack of {@code [k, Q]} matrices, one GEMM
 * each, worth it when {@code Q} has enough rows to amortize a call. Only the order of the
 * contracted indices must agree between the operands (the cheaper of the two orders they offer is
 * tried too). An operand that does not fit is permuted to {@code [free, k]}: the few free indices
 * that the caller's {@code keep} order puts last (those that contractions up the tree sum soonest)
 * move to the end or, reversed, to the start, the others keep their order; so the next
 * contractions' indices gather at whichever end of the product they will be read from.
 *
 * <p>The product is {@code [P..., left free..., right free...]}, and either operand may be the
 * GEMM's left one (the product then comes out transposed, {@code C^T = B^T A^T}). Among all these
 * choices the one that permutes the fewest elements wins, counting the product too when the
 * indices the next contraction sums over would not form a block in it (that contraction would then
 * have to permute it). Ties go to fewer GEMM calls.
 */
final class GemmLayout {
  /**
   * Free indices a permuted operand moves to its end (or start) by the caller's hint: those summed
   * soonest up the tree. The others keep their order, so that permutations move few axes: a copy
   * that keeps long runs together streams, one that reorders every axis is several times slower.
   */
  private static final int LOOKAHEAD = 6;
  /** Layout operand {@code a} must have ({@code a}'s own order when it is read as is). */
  final int[] aLayout;
  final int[] bLayout;
  /** Whether {@code a} is the GEMM's left operand (else {@code b} is, and the product comes out transposed). */
  final boolean aIsLeft;
  /** The product of each GEMM call; its loop over a stacked operand's outer indices. */
  final RealGemm gemm;
  /** Layout of the product. */
  final int[] result;
  /** Elements permuted now, plus the product's size when the next contraction will have to permute it. */
  private final long cost;
  private final long calls;

  private GemmLayout(int[] aLayout, int[] bLayout, boolean aIsLeft, RealGemm gemm, int[] result, long cost, long calls) {
    this.aLayout = aLayout;
    this.bLayout = bLayout;
    this.aIsLeft = aIsLeft;
    this.gemm = gemm;
    this.result = result;
    this.cost = cost;
    this.calls = calls;
  }

  /**
   * @param a left operand's indices in memory order
   * @param b right operand's indices in memory order
   * @param log2Sizes log2 size of each index, by index id
   * @param pair the contraction, which must have no batch indices
   * @param keep the kept indices, those summed soonest up the tree last (the order permuted
   *     operands take their free indices from)
   * @param nextSummed the kept indices that the next contraction sums over (empty if unknown)
   * @param minLoopRows fewest rows {@code Q} a stacked operand {@code [P, k, Q]} must have to be
   *     read as a loop of GEMMs rather than permuted
   */
  static GemmLayout choose(int[] a, int[] b, int[] log2Sizes, PairContraction pair, int[] keep, int[] nextSummed,
      long minLoopRows) {
    if (pair.batch().length > 0) throw new IllegalArgumentException("batch contractions take the batched path");
    Sizes sizes = new Sizes(log2Sizes);
    int[] ka = only(a, pair.contracted());
    int[] kb = only(b, pair.contracted());
    GemmLayout best = null;
    for (int[] k : Arrays.equals(ka, kb) ? new int[][] {ka} : new int[][] {ka, kb}) {
      List<Read> readsA = reads(a, pair.left(), k, keep, sizes, minLoopRows);
      List<Read> readsB = reads(b, pair.right(), k, keep, sizes, minLoopRows);
      for (Read ra : readsA) {
        for (Read rb : readsB) {
          if (ra.loops() > 1 && rb.loops() > 1) continue;
          for (boolean aIsLeft : new boolean[] {true, false}) {
            GemmLayout g = combine(ra, rb, aIsLeft, sizes.of(k), nextSummed, sizes, minLoopRows);
            if (best == null || g.cost < best.cost || (g.cost == best.cost && g.calls < best.calls)) best = g;
          }
        }
      }
    }
    return best;
  }

  /**
   * One way to read an operand: its layout, how many elements that costs to permute, and its
   * matrix (or stack of matrices): outer indices looped over, free indices, contracted indices
   * first or last.
   */
  private record Read(int[] layout, long permuted, int[] outer, int[] free, boolean kFirst, long loops) {}

  private static List<Read> reads(int[] x, int[] free, int[] k, int[] keep, Sizes sizes, long minLoopRows) {
    List<Read> out = new ArrayList<>();
    int at = blockAt(x, k);
    if (at == 0) {
      out.add(new Read(x, 0, new int[0], free, true, 1));
    } else if (at == x.length - k.length) {
      out.add(new Read(x, 0, new int[0], free, false, 1));
    } else if (at > 0) {
      int[] outer = Arrays.copyOfRange(x, 0, at);
      int[] rows = Arrays.copyOfRange(x, at + k.length, x.length);
      if (sizes.of(rows) >= minLoopRows) out.add(new Read(x, 0, outer, rows, true, sizes.of(outer)));
    }
    long size = sizes.of(x);
    int[] ordered = only(keep, free);
    int[] soon = Arrays.copyOfRange(ordered, Math.max(0, ordered.length - LOOKAHEAD), ordered.length);
    int[] rest = only(x, without(free, soon));
    for (int[] f : new int[][] {concat(rest, soon), concat(reversed(soon), rest)}) {
      int[] layout = concat(f, k);
      out.add(new Read(layout, Arrays.equals(layout, x) ? 0 : size, new int[0], f, false, 1));
    }
    return out;
  }

  private static GemmLayout combine(Read ra, Read rb, boolean aIsLeft, long k, int[] nextSummed, Sizes sizes,
      long minLoopRows) {
    Read left = aIsLeft ? ra : rb;
    Read right = aIsLeft ? rb : ra;
    // a stacked operand [P, k, Q] is read as the k x Q matrices it holds: transposed on the left, as is on the right
    int[] outer = concat(ra.outer(), rb.outer());
    long loops = Math.max(ra.loops(), rb.loops());
    long m = sizes.of(left.free());
    long n = sizes.of(right.free());
    RealGemm gemm = RealGemm.looped(loops, left.loops() > 1 ? sizes.of(left.layout()) / loops : 0,
        right.loops() > 1 ? sizes.of(right.layout()) / loops : 0, m * n, m, k, n, left.kFirst(), !right.kFirst());
    int[] result = concat(outer, concat(left.free(), right.free()));
    long cost = ra.permuted() + rb.permuted() + (readable(result, nextSummed, sizes, minLoopRows) ? 0 : sizes.of(result));
    return new GemmLayout(ra.layout(), rb.layout(), aIsLeft, gemm, result, cost, loops);
  }

  /** Whether a contraction summing over {@code summed} can read a tensor laid out as {@code x} as is. */
  private static boolean readable(int[] x, int[] summed, Sizes sizes, long minLoopRows) {
    int first = x.length;
    int last = -1;
    int count = 0;
    for (int i = 0; i < x.length; i++) {
      if (contains(summed, x[i])) {
        first = Math.min(first, i);
        last = i;
        count++;
      }
    }
    if (count == 0) return true;
    if (last - first + 1 != count) return false;
    return first == 0 || last == x.length - 1 || sizes.of(Arrays.copyOfRange(x, last + 1, x.length)) >= minLoopRows;
  }

  /** Where {@code k} stands as one block in {@code x}, or -1. */
  private static int blockAt(int[] x, int[] k) {
    if (k.length == 0) return x.length;
    for (int at = 0; at + k.length <= x.length; at++) {
      if (Arrays.equals(x, at, at + k.length, k, 0, k.length)) return at;
    }
    return -1;
  }

  /** Element counts of index groups. */
  private record Sizes(int[] log2) {
    long of(int[] indices) {
      int s = 0;
      for (int ix : indices) s += log2[ix];
      return 1L << s;
    }
  }

  /** The entries of {@code x} that are in {@code set}, in x's order. */
  private static int[] only(int[] x, int[] set) {
    return Arrays.stream(x).filter(ix -> contains(set, ix)).toArray();
  }

  private static int[] without(int[] x, int[] set) {
    return Arrays.stream(x).filter(ix -> !contains(set, ix)).toArray();
  }

  private static int[] reversed(int[] x) {
    int[] r = new int[x.length];
    for (int i = 0; i < x.length; i++) r[i] = x[x.length - 1 - i];
    return r;
  }

  private static boolean contains(int[] set, int ix) {
    for (int s : set) if (s == ix) return true;
    return false;
  }

  private static int[] concat(int[] p, int[] q) {
    int[] out = Arrays.copyOf(p, p.length + q.length);
    System.arraycopy(q, 0, out, p.length, q.length);
    return out;
  }
}
