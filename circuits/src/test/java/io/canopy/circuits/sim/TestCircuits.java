package io.canopy.circuits.sim;

import io.canopy.circuits.Circuit;

/** Small random circuits over the whole gate set, shared by the tests of several packages. */
public final class TestCircuits {
  private TestCircuits() {}

  public static Circuit random(int numQubits, int numGates, long seed) {
    return StateVectorSimulatorTest.randomCircuit(numQubits, numGates, seed);
  }
}
