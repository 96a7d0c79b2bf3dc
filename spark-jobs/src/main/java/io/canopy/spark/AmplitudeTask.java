package io.canopy.spark;

import io.canopy.circuits.Circuit;
import io.canopy.contractor.Precision;
import io.canopy.planner.Plan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What every slice-range task of one run needs: the circuit, the closed bitstrings (one per
 * subspace), the open qubits, the plan and the backend to contract on. Shipped to executors once
 * (as a broadcast) and read there without any driver state.
 */
public final class AmplitudeTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Circuit circuit;
  private final List<String> bitstrings;
  private final int[] openQubits;
  private final Plan plan;
  private final String backend;
  private final Precision precision;

  public AmplitudeTask(Circuit circuit, List<String> bitstrings, int[] openQubits, Plan plan,
      String backend, Precision precision) {
    this.circuit = circuit;
    this.bitstrings = new ArrayList<>(bitstrings);
    this.openQubits = openQubits.clone();
    this.plan = plan;
    this.backend = backend;
    this.precision = precision;
  }

  public Circuit circuit() { return circuit; }

  public List<String> bitstrings() { return bitstrings; }

  public int numSubspaces() { return bitstrings.size(); }

  public int[] openQubits() { return openQubits.clone(); }

  public Plan plan() { return plan; }

  public String backend() { return backend; }

  public Precision precision() { return precision; }
}
