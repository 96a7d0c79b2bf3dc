package io.canopy.circuits.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.layout.GridLayout;
import io.canopy.circuits.layout.Layout;
import io.canopy.circuits.layout.Sycamore53Layout;
import io.canopy.circuits.qsim.QsimReader;
import io.canopy.circuits.qsim.QsimWriter;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RandomCircuitGeneratorTest {
  @Test
  void sameSeedSameCircuitOtherSeedOtherCircuit() {
    RandomCircuitGenerator gen = new RandomCircuitGenerator(new Sycamore53Layout());
    assertEquals(gen.generate(12, 1), gen.generate(12, 1));
    assertNotEquals(gen.generate(12, 1), gen.generate(12, 2));
  }

  @Test
  void followsTheCycleStructureOfThePublishedCircuits() {
    Layout layout = new Sycamore53Layout();
    int m = 10;
    Circuit c = new RandomCircuitGenerator(layout).generate(m, 5);
    String sequence = "ABCDCDAB";
    for (int cycle = 0; cycle <= m; cycle++) {
      int t = 4 * cycle;
      List<Gate> singles = c.gates().stream().filter(g -> g.time() == t).collect(Collectors.toList());
      assertEquals(53, singles.size(), "single-qubit layer of cycle " + cycle);
      for (Gate g : singles) {
        assertTrue(Set.of("x_1_2", "y_1_2", "hz_1_2").contains(g.name()), g.toString());
      }
      if (cycle == m) break;
      List<Gate> fsims = c.gates().stream().filter(g -> g.time() == t + 2)
          .collect(Collectors.toList());
      List<int[]> pattern = layout.pattern(sequence.charAt(cycle % 8));
      assertEquals(pattern.size(), fsims.size());
      for (int i = 0; i < fsims.size(); i++) {
        assertEquals("fs", fsims.get(i).name());
        assertArrayEquals(pattern.get(i), fsims.get(i).qubits());
        assertArrayEquals(new double[] {Math.PI / 2, Math.PI / 6}, fsims.get(i).params());
      }
    }
    assertEquals(4 * m + 1, c.depth());
  }

  @Test
  void noQubitGetsTheSameGateInConsecutiveCycles() {
    Circuit c = new RandomCircuitGenerator(new GridLayout(3, 3)).generate(30, 9);
    String[] last = new String[9];
    int[] counts = new int[3];
    for (Gate g : c.gates()) {
      if (g.arity() != 1) continue;
      assertNotEquals(last[g.qubit(0)], g.name(), "qubit " + g.qubit(0) + " at " + g.time());
      last[g.qubit(0)] = g.name();
      counts[List.of("x_1_2", "y_1_2", "hz_1_2").indexOf(g.name())]++;
    }
    for (int k : counts) assertTrue(k > 50, "every gate is used: " + k);
  }

  @Test
  void anglesAndPatternsAreConfigurableAndTheCircuitIsValidQsim() {
    Circuit c = new RandomCircuitGenerator(new GridLayout(2, 3)).theta(0.25).phi(-0.5)
        .patterns("EFGH").generate(4, 3);
    for (Gate g : c.gates()) {
      if (g.arity() == 2) assertArrayEquals(new double[] {0.25, -0.5}, g.params());
    }
    assertEquals(c, QsimReader.parse("gen", new StringReader(QsimWriter.format(c))));
  }
}
