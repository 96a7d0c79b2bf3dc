package io.canopy.circuits.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.GridLayout;
import io.canopy.circuits.sim.TestCircuits;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSimplifierTest {
  private static void assertSameValues(TensorNetwork expected, TensorNetwork actual) {
    double[][] e = NaiveContraction.contract(expected);
    double[][] a = NaiveContraction.contract(actual);
    assertArrayEquals(e[0], a[0], 1e-13);
    assertArrayEquals(e[1], a[1], 1e-13);
  }

  @Test
  void keepsTheValueOfAmplitudeAndBatchNetworks() {
    for (Circuit c : List.of(TestCircuits.random(4, 40, 3), TestCircuits.random(3, 25, 4),
        new RandomCircuitGenerator(new GridLayout(2, 2)).generate(4, 1))) {
      for (int[] open : new int[][] {{}, {1}, {2, 0}, {0, 1, 2}}) {
        TensorNetwork net = NetworkBuilder.batch(c, "1010".substring(0, c.numQubits()), open);
        TensorNetwork simple = NetworkSimplifier.simplify(net);
        simple.validate();
        assertEquals(open.length, simple.output().length);
        assertSameValues(net, simple);
        assertTrue(simple.numTensors() < net.numTensors());
      }
    }
  }

  @Test
  void leavesNoSmallTensorWithANeighbourAndNoTensorLargerThanAGate() {
    Circuit c = new RandomCircuitGenerator(new GridLayout(3, 3)).generate(6, 2);
    TensorNetwork simple = NetworkSimplifier.simplify(
        NetworkBuilder.batch(c, "000000000", new int[] {4, 8}));
    simple.validate();
    List<Integer> out = Arrays.stream(simple.output()).boxed().toList();
    for (Tensor t : simple.tensors()) {
      assertTrue(t.rank() <= 4, "rank " + t.rank());
      if (t.rank() <= 2) {
        for (int ix : t.indices()) assertTrue(out.contains(ix), "small tensor with a neighbour");
      }
    }
    // One-qubit gates and boundary vectors are absorbed, leaving at most one tensor per fSim.
    long fsims = c.gates().stream().filter(g -> g.arity() == 2).count();
    assertTrue(simple.numTensors() <= fsims, simple.numTensors() + " tensors");
  }

  @Test
  void isDeterministicAndIndependentOfTheBitstring() {
    Circuit c = new RandomCircuitGenerator(new GridLayout(2, 3)).generate(5, 8);
    TensorNetwork a = NetworkSimplifier.simplify(NetworkBuilder.batch(c, "000000", new int[] {2}));
    TensorNetwork b = NetworkSimplifier.simplify(NetworkBuilder.batch(c, "110101", new int[] {2}));
    assertArrayEquals(a.inputs(), b.inputs());
    assertArrayEquals(a.log2Sizes(), b.log2Sizes());
    assertArrayEquals(a.output(), b.output());
    TensorNetwork again =
        NetworkSimplifier.simplify(NetworkBuilder.batch(c, "000000", new int[] {2}));
    assertArrayEquals(a.inputs(), again.inputs());
    assertArrayEquals(a.tensor(0).re(), again.tensor(0).re(), 0);
  }

  @Test
  void statsCountTensorsAndIndices() {
    Circuit c = TestCircuits.random(3, 10, 5);
    TensorNetwork net = NetworkBuilder.amplitude(c, "000");
    TensorNetwork simple = NetworkSimplifier.simplify(net);
    SimplificationStats s = SimplificationStats.of(net, simple);
    assertEquals(net.numTensors(), s.tensorsBefore());
    assertEquals(simple.numIndices(), s.indicesAfter());
    assertTrue(s.toString().contains("tensors " + net.numTensors() + " -> "));
  }
}
