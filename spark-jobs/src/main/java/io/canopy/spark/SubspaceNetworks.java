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

  public static TensorNetwork build(Circuit circuit, String bitstring, int[] openQubits) {
    TensorNetwork raw = openQubits.length == 0
        ? NetworkBuilder.amplitude(circuit, bitstring)
        : NetworkBuilder.batch(circuit, bitstring, openQubits);
    return NetworkSimplifier.simplify(raw);
  }
}
