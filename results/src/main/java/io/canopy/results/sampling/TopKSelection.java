package io.canopy.results.sampling;

import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-k post-selection over correlated subspaces: of the K = 2^m candidates of one subspace (the
 * bitstrings sharing the closed bits, all m open qubits varied), keep the k most probable.
 *
 * <p>Why it raises XEB: if the K values D p are independent Exp(1) (Porter-Thomas), the j-th
 * largest has mean H_K - H_{j-1} (H the harmonic numbers, from the Renyi representation of
 * exponential order statistics), so the kept ones average H_K - H_k + 1 and their linear XEB is
 * {@link #expectedLinearXeb} = H_K - H_k; for k = 1 that is H_K - 1, about ln K - 0.42.
 */
public final class TopKSelection {
  private TopKSelection() {}

  /**
   * The k most probable rows of each subspace, subspaces in order of first appearance, rows of a
   * subspace from most to least probable (ties keep input order).
   *
   * @throws IllegalArgumentException if the table has no subspace ids or a subspace has fewer
   *     than k rows
   */
  public static List<Amplitude> select(AmplitudeTable table, int k) {
    Comparator<Amplitude> mostProbableFirst =
        Comparator.comparingDouble(Amplitude::probability).reversed();
    List<Amplitude> kept = new ArrayList<>();
    for (List<Amplitude> candidates : subspaces(table, k).values()) {
      candidates.sort(mostProbableFirst);
      kept.addAll(candidates.subList(0, k));
    }
    return kept;
  }

  /**
   * Linear XEB that {@link #select} is expected to reach on this table if the circuit is
   * Porter-Thomas: the mean over subspaces of H_K - H_k, K the subspace's row count.
   */
  public static double expectedLinearXeb(AmplitudeTable table, int k) {
    Map<Long, List<Amplitude>> subspaces = subspaces(table, k);
    double sum = 0;
    for (List<Amplitude> candidates : subspaces.values()) {
      sum += expectedLinearXeb(candidates.size(), k);
    }
    return sum / subspaces.size();
  }

  /**
   * The Porter-Thomas expectation of D p for each row {@link #select} returns, in its order: the
   * j-th most probable of K rows has mean H_K - H_{j-1}. Their mean over a prefix of the
   * selection, minus 1, predicts the linear XEB of that prefix; over all of it, that is
   * {@link #expectedLinearXeb(AmplitudeTable, int)}.
   */
  public static double[] expectedScaledProbabilities(AmplitudeTable table, int k) {
    Map<Long, List<Amplitude>> subspaces = subspaces(table, k);
    double[] expected = new double[subspaces.size() * k];
    int row = 0;
    for (List<Amplitude> candidates : subspaces.values()) {
      double hK = harmonic(candidates.size());
      for (int rank = 1; rank <= k; rank++) expected[row++] = hK - harmonic(rank - 1);
    }
    return expected;
  }

  /** Number of distinct subspaces in the table. */
  public static int countSubspaces(AmplitudeTable table) {
    return subspaces(table, 1).size();
  }

  /** Rows grouped by subspace id, in order of first appearance; each group has >= k rows. */
  private static Map<Long, List<Amplitude>> subspaces(AmplitudeTable table, int k) {
    if (k < 1) throw new IllegalArgumentException("k must be at least 1, not " + k);
    if (!table.hasSubspaces()) {
      throw new IllegalArgumentException("top-k post-selection needs the subspace column");
    }
    List<Amplitude> rows = table.amplitudes();
    long[] ids = table.subspaces();
    Map<Long, List<Amplitude>> bySubspace = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      bySubspace.computeIfAbsent(ids[i], id -> new ArrayList<>()).add(rows.get(i));
    }
    for (Map.Entry<Long, List<Amplitude>> subspace : bySubspace.entrySet()) {
      if (subspace.getValue().size() < k) {
        throw new IllegalArgumentException("subspace " + subspace.getKey() + " has "
            + subspace.getValue().size() + " rows, fewer than k = " + k);
      }
    }
    return bySubspace;
  }

  /**
   * Subspace ids that group bitstrings by their closed bits, i.e. all characters except those at
   * {@code openQubits}: rows with equal ids differ only in open qubits. Ids are numbered from 0
   * in order of first appearance.
   */
  public static long[] subspacesByClosedBits(List<Amplitude> amplitudes, int[] openQubits) {
    Map<String, Long> ids = new LinkedHashMap<>();
    long[] out = new long[amplitudes.size()];
    for (int i = 0; i < out.length; i++) {
      char[] closed = amplitudes.get(i).bitstring().toCharArray();
      for (int q : openQubits) closed[q] = '*';
      out[i] = ids.computeIfAbsent(new String(closed), key -> (long) ids.size());
    }
    return out;
  }

  /** Linear XEB expected from top-k of K Porter-Thomas candidates: H_K - H_k. */
  public static double expectedLinearXeb(int candidates, int k) {
    if (k < 1 || k > candidates) {
      throw new IllegalArgumentException("need 1 <= k <= K, got k = " + k + ", K = " + candidates);
    }
    return harmonic(candidates) - harmonic(k);
  }

  /** H_m = 1 + 1/2 + ... + 1/m. */
  static double harmonic(int m) {
    double h = 0;
    for (int i = m; i >= 1; i--) h += 1.0 / i;
    return h;
  }
}
