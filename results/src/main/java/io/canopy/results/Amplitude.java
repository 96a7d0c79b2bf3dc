package io.canopy.results;

/**
 * The amplitude of one computational-basis state: {@code <x|C|0...0>} for the bitstring x,
 * where character i of the bitstring is qubit i of the circuit.
 */
public record Amplitude(String bitstring, double re, double im) {

  public Amplitude {
    if (bitstring == null || bitstring.isEmpty()) {
      throw new IllegalArgumentException("an amplitude needs a non-empty bitstring");
    }
    for (int i = 0; i < bitstring.length(); i++) {
      char c = bitstring.charAt(i);
      if (c != '0' && c != '1') {
        throw new IllegalArgumentException("bitstring " + bitstring + " has '" + c
            + "' at position " + i + "; only 0 and 1 are allowed");
      }
    }
  }

  /** Born-rule probability |amplitude|^2. */
  public double probability() {
    return re * re + im * im;
  }

  /** Number of qubits the bitstring covers. */
  public int numQubits() {
    return bitstring.length();
  }
}
