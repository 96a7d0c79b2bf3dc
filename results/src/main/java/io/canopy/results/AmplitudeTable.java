package io.canopy.results;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of an amplitudes file: the amplitudes and, when the file has a {@code subspace}
 * column, the correlated subspace each row belongs to (rows of one subspace share the bits that
 * were closed in the batch contraction and differ in the open ones).
 */
public final class AmplitudeTable {
  private final List<Amplitude> amplitudes;
  private final long[] subspaces;

  /**
   * @param amplitudes the rows, all of one bitstring length
   * @param subspaces one subspace id per row, or {@code null} when the rows carry none
   */
  public AmplitudeTable(List<Amplitude> amplitudes, long[] subspaces) {
    if (subspaces != null && subspaces.length != amplitudes.size()) {
      throw new IllegalArgumentException(subspaces.length + " subspace ids for "
          + amplitudes.size() + " amplitudes");
    }
    this.amplitudes = List.copyOf(amplitudes);
    this.subspaces = subspaces == null ? null : subspaces.clone();
  }

  public List<Amplitude> amplitudes() {
    return amplitudes;
  }

  public boolean hasSubspaces() {
    return subspaces != null;
  }

  /** Subspace id of each row (a copy). */
  public long[] subspaces() {
    if (subspaces == null) {
      throw new IllegalStateException("these amplitudes carry no subspace ids");
    }
    return subspaces.clone();
  }

  /** Qubit count of the bitstrings, or 0 for an empty table. */
  public int numQubits() {
    return amplitudes.isEmpty() ? 0 : amplitudes.get(0).numQubits();
  }

  public int size() {
    return amplitudes.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmplitudeTable t && t.amplitudes.equals(amplitudes)
        && Arrays.equals(t.subspaces, subspaces);
  }

  @Override
  public int hashCode() {
    return 31 * amplitudes.hashCode() + Arrays.hashCode(subspaces);
  }
}
