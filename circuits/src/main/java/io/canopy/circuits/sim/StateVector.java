package io.canopy.circuits.sim;

import io.canopy.circuits.Bitstrings;

/**
 * The 2^n complex amplitudes of an n-qubit state in double precision, stored planar (real and
 * imaginary parts in separate arrays). Bit i of an amplitude's index is qubit i, so character i of
 * a bitstring selects bit i (qsim's convention).
 */
public final class StateVector {
  /** Java arrays hold at most 2^31 - 1 elements; 2^30 amplitudes (16 GiB) is the largest state. */
  public static final int MAX_QUBITS = 30;

  private final int numQubits;
  final double[] re;
  final double[] im;

  /** The state |0...0> on {@code numQubits} qubits. */
  public static StateVector zero(int numQubits) {
    if (numQubits < 1 || numQubits > MAX_QUBITS) {
      throw new IllegalArgumentException("a state vector holds 1 to " + MAX_QUBITS
          + " qubits, not " + numQubits);
    }
    StateVector s = new StateVector(numQubits);
    s.re[0] = 1;
    return s;
  }

  private StateVector(int numQubits) {
    this.numQubits = numQubits;
    this.re = new double[1 << numQubits];
    this.im = new double[1 << numQubits];
  }

  public int numQubits() { return numQubits; }

  /** The number of amplitudes, 2^n. */
  public int size() { return re.length; }

  /** The amplitude of a bitstring as {re, im}. */
  public double[] amplitude(String bitstring) {
    Bitstrings.validate(bitstring, numQubits);
    int index = 0;
    for (int q = 0; q < numQubits; q++) index |= Bitstrings.bit(bitstring, q) << q;
    return amplitude(index);
  }

  /** The amplitude at a basis index (bit i = qubit i) as {re, im}. */
  public double[] amplitude(int index) {
    return new double[] {re[index], im[index]};
  }

  /** The squared norm, sum of |amplitude|^2; 1 for a state produced by unitary gates. */
  public double normSquared() {
    double sum = 0;
    for (int i = 0; i < re.length; i++) sum += re[i] * re[i] + im[i] * im[i];
    return sum;
  }
}
