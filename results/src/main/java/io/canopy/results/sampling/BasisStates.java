package io.canopy.results.sampling;

/**
 * The numbering of computational-basis states used by full probability vectors, the same as the
 * state-vector simulator's (and qsim's): bit i of the index is qubit i, i.e. character i of the
 * bitstring.
 */
public final class BasisStates {
  private BasisStates() {}

  /** The bitstring of basis state {@code index} of {@code numQubits} qubits. */
  public static String bitstring(long index, int numQubits) {
    if (numQubits < 1 || numQubits > 62) {
      throw new IllegalArgumentException("basis indices cover 1..62 qubits, not " + numQubits);
    }
    if (index < 0 || index >= 1L << numQubits) {
      throw new IllegalArgumentException("index " + index + " outside 0..2^" + numQubits + "-1");
    }
    char[] bits = new char[numQubits];
    for (int q = 0; q < numQubits; q++) bits[q] = ((index >>> q) & 1) == 1 ? '1' : '0';
    return new String(bits);
  }

  /** The index of a bitstring of at most 62 qubits. */
  public static long index(String bitstring) {
    if (bitstring.isEmpty() || bitstring.length() > 62) {
      throw new IllegalArgumentException("basis indices cover 1..62 qubits, not "
          + bitstring.length());
    }
    long index = 0;
    for (int q = 0; q < bitstring.length(); q++) {
      char c = bitstring.charAt(q);
      if (c != '0' && c != '1') throw new IllegalArgumentException("not a bitstring: " + bitstring);
      index |= (long) (c - '0') << q;
    }
    return index;
  }
}
