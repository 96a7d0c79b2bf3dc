package io.canopy.circuits.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.canopy.circuits.Bitstrings;
import io.canopy.circuits.Circuit;
import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.circuits.sim.TestCircuits;
import org.junit.jupiter.api.Test;

class NetworkBuilderTest {
  private final Circuit circuit = TestCircuits.random(4, 40, 21);
  private final StateVector state = new StateVectorSimulator(1).run(circuit);

  @Test
  void amplitudeNetworkContractsToTheStateVectorAmplitude() {
    for (String x : Bitstrings.random(4, 6, 1)) {
      TensorNetwork net = NetworkBuilder.amplitude(circuit, x);
      net.validate();
      assertEquals(0, net.output().length);
      double[][] v = NaiveContraction.contract(net);
      assertArrayEquals(state.amplitude(x), new double[] {v[0][0], v[1][0]}, 1e-13, x);
    }
  }

  @Test
  void batchNetworkGivesEveryAmplitudeOfTheOpenQubitsInTheirOrder() {
    int[] open = {2, 0, 3};
    TensorNetwork net = NetworkBuilder.batch(circuit, "0110", open);
    net.validate();
    double[][] v = NaiveContraction.contract(net);
    assertEquals(8, v[0].length);
    for (int j = 0; j < 8; j++) {
      char[] x = "0110".toCharArray();
      // The first open qubit is the slowest-varying bit of the result.
      for (int k = 0; k < open.length; k++) x[open[k]] = (char) ('0' + ((j >> (2 - k)) & 1));
      assertArrayEquals(state.amplitude(new String(x)), new double[] {v[0][j], v[1][j]}, 1e-13);
    }
  }

  @Test
  void structureDoesNotDependOnTheBitstring() {
    TensorNetwork a = NetworkBuilder.batch(circuit, "0000", new int[] {1});
    TensorNetwork b = NetworkBuilder.batch(circuit, "1011", new int[] {1});
    assertArrayEquals(a.inputs(), b.inputs());
    assertArrayEquals(a.log2Sizes(), b.log2Sizes());
    assertArrayEquals(a.output(), b.output());
    // Characters at open qubits are ignored, whatever they are.
    TensorNetwork c = NetworkBuilder.batch(circuit, "1?11", new int[] {1});
    assertArrayEquals(b.tensor(b.numTensors() - 1).re(), c.tensor(c.numTensors() - 1).re());
    long gates = circuit.gates().stream().filter(g -> g.arity() > 0).count();
    assertEquals(4 + gates + 3, a.numTensors());
  }

  @Test
  void rejectsBadOpenQubits() {
    assertThrows(IllegalArgumentException.class,
        () -> NetworkBuilder.batch(circuit, "0000", new int[] {4}));
    assertThrows(IllegalArgumentException.class,
        () -> NetworkBuilder.batch(circuit, "0000", new int[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> NetworkBuilder.amplitude(circuit, "000"));
    assertThrows(IllegalArgumentException.class, () -> NetworkBuilder.amplitude(circuit, "0?00"));
  }
}
