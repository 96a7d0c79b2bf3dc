package io.canopy.circuits;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One gate of a circuit: its qsim name, the moment it acts in, the qubits it acts on (in the order
 * of the file) and its parameters, plus its unitary as a planar complex matrix.
 *
 * <p>The matrix is 2^k x 2^k, row-major, with qubit {@code qubits[0]} as the most significant bit
 * of the row and column index (the textbook order: {@code cnot 0 1} is diag-block [[I,0],[0,X]]).
 * qsim's gates_qsim.h stores its matrices the other way round (first qubit least significant);
 * {@link GateType#create} converts. As a tensor with indices (out_0, .., out_{k-1}, in_0, ..,
 * in_{k-1}), row-major, the matrix needs no reordering at all.
 */
public final class Gate implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final int time;
  private final int[] qubits;
  private final double[] params;
  private final double[] re;
  private final double[] im;

  public Gate(String name, int time, int[] qubits, double[] params, double[] re, double[] im) {
    int dim = 1 << qubits.length;
    if (re.length != dim * dim || im.length != dim * dim) {
      throw new IllegalArgumentException(
          "gate " + name + " on " + qubits.length + " qubits needs a " + dim + "x" + dim + " matrix");
    }
    this.name = name;
    this.time = time;
    this.qubits = qubits.clone();
    this.params = params.clone();
    this.re = re.clone();
    this.im = im.clone();
  }

  public String name() { return name; }

  public int time() { return time; }

  public int arity() { return qubits.length; }

  public int[] qubits() { return qubits.clone(); }

  public int qubit(int i) { return qubits[i]; }

  public double[] params() { return params.clone(); }

  /** Real parts of the matrix, row-major (a copy). */
  public double[] matrixRe() { return re.clone(); }

  /** Imaginary parts of the matrix, row-major (a copy). */
  public double[] matrixIm() { return im.clone(); }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Gate)) return false;
    Gate g = (Gate) o;
    return name.equals(g.name) && time == g.time && Arrays.equals(qubits, g.qubits)
        && Arrays.equals(params, g.params) && Arrays.equals(re, g.re) && Arrays.equals(im, g.im);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + time) + Arrays.hashCode(qubits);
  }

  @Override
  public String toString() {
    return time + " " + name + " " + Arrays.toString(qubits) + " " + Arrays.toString(params);
  }
}
