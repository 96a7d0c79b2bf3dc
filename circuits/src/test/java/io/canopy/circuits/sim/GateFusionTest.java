package io.canopy.circuits.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.GridLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateFusionTest {
  @Test
  void fusedGatesActLikeTheOriginalSequence() {
    for (long seed = 1; seed <= 5; seed++) {
      Circuit c = TestCircuits.random(4, 80, seed);
      List<Gate> fused = GateFusion.fuse(c.gates());
      assertTrue(fused.size() < c.gates().size());
      for (Gate g : fused) assertTrue(g.arity() <= 2);
      double[][] expected = TestCircuits.denseState(c);
      double[][] actual = TestCircuits.denseState(new Circuit(4, fused));
      assertArrayEquals(expected[0], actual[0], 1e-13);
      assertArrayEquals(expected[1], actual[1], 1e-13);
    }
  }

  @Test
  void leavesOneGatePerTwoQubitGateOfARandomCircuit() {
    Circuit c = new RandomCircuitGenerator(new GridLayout(3, 4)).generate(10, 4);
    long twoQubit = c.gates().stream().filter(g -> g.arity() == 2).count();
    assertEquals(twoQubit, GateFusion.fuse(c.gates()).size());
  }
}
