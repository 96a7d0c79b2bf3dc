package io.canopy.circuits.qasm;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.GateType;
import io.canopy.circuits.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the qsim gates a QASM program expands to. Each gate gets the earliest time step after
 * the previous gates on its qubits, so the circuit is also a valid qsim file; global phases are
 * summed into one {@code p} gate at the end. Gates after a qubit's measurement are refused: only
 * final measurements keep the circuit's amplitudes meaningful.
 */
final class CircuitAssembler {
  private final String source;
  private final int numQubits;
  private final int[] lastTime;
  private final boolean[] measured;
  private final List<Gate> gates = new ArrayList<>();
  private double phase;
  private int line;

  CircuitAssembler(String source, int numQubits) {
    this.source = source;
    this.numQubits = numQubits;
    this.lastTime = new int[numQubits];
    this.measured = new boolean[numQubits];
    Arrays.fill(lastTime, -1);
  }

  /** The source line that the following gates come from, for error messages. */
  void atLine(int line) { this.line = line; }

  void gate(GateType type, int[] qubits, double... params) {
    int time = 0;
    for (int q : qubits) {
      if (measured[q]) {
        throw new InputException(source, line, "gate on qubit " + q
            + " after its measurement; only final measurements are supported");
      }
      time = Math.max(time, lastTime[q] + 1);
    }
    for (int q : qubits) lastTime[q] = time;
    gates.add(type.create(time, qubits, params));
  }

  /** Multiplies the state by e^{i phi}. */
  void phase(double phi) { phase += phi; }

  void measure(int qubit) { measured[qubit] = true; }

  Circuit build() {
    List<Gate> all = new ArrayList<>(gates);
    if (phase != 0) {
      int end = Arrays.stream(lastTime).max().orElse(0);
      all.add(GateType.P.create(Math.max(end, 0), new int[0], phase));
    }
    return new Circuit(numQubits, all);
  }
}
