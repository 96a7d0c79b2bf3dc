package io.canopy.cli;

import io.canopy.circuits.InputException;
import java.util.BitSet;

/** Parses and checks {@code --open q,q,...}: the qubits whose amplitudes a batch enumerates. */
final class OpenQubits {
  private OpenQubits() {}

  static int[] parse(String text, int numQubits) {
    if (text == null || text.isBlank()) return new int[0];
    String[] parts = text.split(",");
    int[] open = new int[parts.length];
    BitSet seen = new BitSet();
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      int q;
      try {
        q = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new InputException("--open", 0, "'" + p + "' is not a qubit number");
      }
      if (q < 0 || q >= numQubits) {
        throw new InputException("--open", 0, "qubit " + q + " out of range 0.." + (numQubits - 1));
      }
      if (seen.get(q)) throw new InputException("--open", 0, "qubit " + q + " given twice");
      seen.set(q);
      open[i] = q;
    }
    if (open.length > 30) {
      throw new InputException("--open", 0, open.length + " open qubits: at most 30 (2^k amplitudes per subspace)");
    }
    return open;
  }
}
