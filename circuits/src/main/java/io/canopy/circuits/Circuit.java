package io.canopy.circuits;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A quantum circuit: a qubit count and gates in the order they are applied. */
public final class Circuit implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int numQubits;
  private final List<Gate> gates;

  public Circuit(int numQubits, List<Gate> gates) {
    if (numQubits < 1) throw new IllegalArgumentException("a circuit needs at least one qubit");
    for (Gate g : gates) {
      for (int q : g.qubits()) {
        if (q < 0 || q >= numQubits) {
          throw new IllegalArgumentException("gate " + g + " acts on qubit " + q
              + " outside 0.." + (numQubits - 1));
        }
      }
    }
    this.numQubits = numQubits;
    this.gates = Collections.unmodifiableList(new ArrayList<>(gates));
  }

  public int numQubits() { return numQubits; }

  public List<Gate> gates() { return gates; }

  /** Number of distinct moments (qsim "time" values) plus one for the last. */
  public int depth() {
    int max = -1;
    for (Gate g : gates) max = Math.max(max, g.time());
    return max + 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Circuit && ((Circuit) o).numQubits == numQubits
        && ((Circuit) o).gates.equals(gates);
  }

  @Override
  public int hashCode() { return 31 * numQubits + gates.hashCode(); }
}
