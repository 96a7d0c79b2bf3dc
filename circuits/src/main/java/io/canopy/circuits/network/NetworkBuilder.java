package io.canopy.circuits.network;

import io.canopy.circuits.Bitstrings;
import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a circuit into the tensor network of its amplitudes: a |0> vector on every qubit's input
 * wire, one tensor per gate, and a projection <x_q| on the output wire of every closed qubit. Every
 * index is one wire segment of size 2 (log2 size 1).
 *
 * <p>The structure (tensors, indices, their order) depends only on the circuit and the set of
 * open qubits, never on the bitstring's values: one contraction plan then serves every bitstring.
 *
 * <p>A gate on qubits (q_0, .., q_{k-1}) becomes a tensor with indices (out_0, .., out_{k-1},
 * in_0, .., in_{k-1}), whose row-major values are exactly the gate's matrix. Global phase gates
 * ({@code p}) have no wires; their phase is multiplied into the |0> vector of qubit 0.
 */
public final class NetworkBuilder {
  private NetworkBuilder() {}

  /** The closed network whose value is the amplitude <x|C|0...0>. */
  public static TensorNetwork amplitude(Circuit circuit, String bitstring) {
    return batch(circuit, bitstring, new int[0]);
  }

  /**
   * The network of all 2^k amplitudes that agree with {@code bitstring} on the closed qubits: its
   * output indices are the final wires of {@code openQubits}, in that order (the first varies
   * slowest). The characters of {@code bitstring} at open qubits are ignored.
   */
  public static TensorNetwork batch(Circuit circuit, String bitstring, int[] openQubits) {
    int n = circuit.numQubits();
    boolean[] open = new boolean[n];
    for (int q : openQubits) {
      if (q < 0 || q >= n) throw new IllegalArgumentException("open qubit " + q + " out of range");
      if (open[q]) throw new IllegalArgumentException("open qubit " + q + " listed twice");
      open[q] = true;
    }
    checkClosedBits(bitstring, open);
    List<Tensor> tensors = new ArrayList<>();
    int[] wire = new int[n];
    int nextIndex = 0;
    double phaseRe = 1;
    double phaseIm = 0;
    for (Gate g : circuit.gates()) {
      if (g.arity() == 0) {
        double re = g.matrixRe()[0];
        double im = g.matrixIm()[0];
        double r = phaseRe * re - phaseIm * im;
        phaseIm = phaseRe * im + phaseIm * re;
        phaseRe = r;
      }
    }
    for (int q = 0; q < n; q++) {
      wire[q] = nextIndex++;
      double[] re = {q == 0 ? phaseRe : 1, 0};
      double[] im = {q == 0 ? phaseIm : 0, 0};
      tensors.add(new Tensor(new int[] {wire[q]}, re, im));
    }
    for (Gate g : circuit.gates()) {
      int k = g.arity();
      if (k == 0) continue;
      int[] indices = new int[2 * k];
      for (int i = 0; i < k; i++) {
        int q = g.qubit(i);
        indices[k + i] = wire[q];
        wire[q] = nextIndex++;
        indices[i] = wire[q];
      }
      tensors.add(new Tensor(indices, g.matrixRe(), g.matrixIm()));
    }
    for (int q = 0; q < n; q++) {
      if (open[q]) continue;
      int bit = Bitstrings.bit(bitstring, q);
      tensors.add(new Tensor(new int[] {wire[q]}, new double[] {1 - bit, bit}, new double[2]));
    }
    int[] output = new int[openQubits.length];
    for (int j = 0; j < output.length; j++) output[j] = wire[openQubits[j]];
    int[] log2Size = new int[nextIndex];
    Arrays.fill(log2Size, 1);
    return new TensorNetwork(tensors, log2Size, output);
  }

  /** The bitstring must have one character a qubit, 0 or 1 at every closed qubit. */
  private static void checkClosedBits(String bitstring, boolean[] open) {
    if (bitstring.length() != open.length) {
      throw new IllegalArgumentException("bitstring has " + bitstring.length()
          + " characters, the circuit " + open.length + " qubits");
    }
    for (int q = 0; q < open.length; q++) {
      char c = bitstring.charAt(q);
      if (!open[q] && c != '0' && c != '1') {
        throw new IllegalArgumentException("bitstring has '" + c + "' at closed qubit " + q
            + "; only 0 and 1 are allowed");
      }
    }
  }
}
