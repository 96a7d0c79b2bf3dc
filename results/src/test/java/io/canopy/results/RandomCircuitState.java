package io.canopy.results;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.Layouts;
import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.results.sampling.BasisStates;

/**
 * Ideal output of a Sycamore-style random circuit on a small grid, from the state-vector
 * simulator: the ground truth the statistical tests score against.
 */
public final class RandomCircuitState {
  public final int numQubits;
  private final StateVector state;

  private RandomCircuitState(Circuit circuit) {
    this.numQubits = circuit.numQubits();
    this.state = new StateVectorSimulator(1).run(circuit);
  }

  /** The 3x4 grid (12 qubits) after {@code cycles} cycles. */
  public static RandomCircuitState grid3x4(int cycles, long seed) {
    return new RandomCircuitState(
        new RandomCircuitGenerator(Layouts.parse("grid:3x4")).generate(cycles, seed));
  }

  public int dimension() {
    return state.size();
  }

  /** p(x) for every basis state, indexed as {@link BasisStates} numbers them. */
  public double[] probabilities() {
    double[] p = new double[state.size()];
    for (int i = 0; i < p.length; i++) p[i] = amplitude(i).probability();
    return p;
  }

  public Amplitude amplitude(long index) {
    String bits = BasisStates.bitstring(index, numQubits);
    double[] a = state.amplitude(bits);
    return new Amplitude(bits, a[0], a[1]);
  }

  /** D * sum p^2 - 1: the linear XEB that ideal samples reach in expectation. */
  public double idealLinearXeb() {
    double sum = 0;
    for (double p : probabilities()) sum += p * p;
    return dimension() * sum - 1;
  }
}
