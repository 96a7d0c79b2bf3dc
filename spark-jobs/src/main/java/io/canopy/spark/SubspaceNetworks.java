package io.canopy.spark;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;

/**
 * Builds the network a run contracts for one closed bitstring. Driver (for planning) and executors
 * (for contracting) call the same code, so the structure they see, and so the plan's hash, agree.
 */
public final class SubspaceNetworks {
  private SubspaceNetworks() {}

  /** The simplified network: what plans are made for and slices contract. */
  public static TensorNetwork build(Circuit circuit, String bitstring, int[] openQubits) {
    return NetworkSimplifier.simplify(raw(circuit, bitstring, openQubits));
  }

  /** The network as built from the gates, before simplification. */
  public static TensorNetwork raw(Circuit circuit, String bitstring, int[] openQubits) {
    return openQubits.length == 0
        ? NetworkBuilder.amplitude(circuit, bitstring)
        : NetworkBuilder.batch(circuit, bitstring, openQubits);
  }
}
