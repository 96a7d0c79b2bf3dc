package io.canopy.circuits.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.GridLayout;
import io.canopy.circuits.qsim.QsimReader;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateVectorSimulatorTest {
  private static Circuit parse(String text) {
    return QsimReader.parse("test", new StringReader(text));
  }

  @Test
  void preparesAGhzState() {
    StateVector s = new StateVectorSimulator(2).run(
        parse("5\n0 h 0\n1 cnot 0 1\n2 cnot 1 2\n3 cnot 2 3\n4 cnot 3 4\n"));
    double h = Math.sqrt(0.5);
    assertArrayEquals(new double[] {h, 0}, s.amplitude("00000"), 1e-15);
    assertArrayEquals(new double[] {h, 0}, s.amplitude("11111"), 1e-15);
    assertArrayEquals(new double[] {0, 0}, s.amplitude("10000"), 0);
    assertEquals(1, s.normSquared(), 1e-14);
  }

  @Test
  void cnotControlsOnItsFirstQubitAndCharacterIIsQubitI() {
    StateVectorSimulator sim = new StateVectorSimulator(1);
    assertArrayEquals(new double[] {1, 0}, sim.run(parse("3\n0 x 0\n1 cnot 0 2\n"))
        .amplitude("101"), 0);
    assertArrayEquals(new double[] {1, 0}, sim.run(parse("3\n0 x 2\n1 cnot 0 2\n"))
        .amplitude("001"), 0);
    assertArrayEquals(new double[] {1, 0}, sim.run(parse("3\n0 x 2\n1 cnot 2 0\n"))
        .amplitude("101"), 0);
  }

  @Test
  void matchesADenseReferenceOnRandomCircuitsOfEveryGate() {
    int n = 4;
    Circuit c = TestCircuits.random(n, 60, 11);
    double[][] expected = TestCircuits.denseState(c);
    for (int threads : new int[] {1, 3}) {
      StateVector s = new StateVectorSimulator(threads).run(c);
      for (int i = 0; i < (1 << n); i++) {
        assertArrayEquals(new double[] {expected[0][i], expected[1][i]}, s.amplitude(i), 1e-13);
      }
    }
  }

  @Test
  void keepsTheNormOfALargerRandomCircuit() {
    Circuit c = new RandomCircuitGenerator(new GridLayout(4, 4)).generate(8, 3);
    StateVector s = new StateVectorSimulator(2).run(c);
    assertEquals(1, s.normSquared(), 1e-12);
  }

  /** The float64 amplitude given in data/qsim/SOURCES.md pins down every gate convention. */
  @Test
  void reproducesAKnownAmplitudeOfQsimsCircuitQ24() {
    StateVector s = new StateVectorSimulator(2).run(QsimReader.read(Path.of("data/qsim/circuit_q24")));
    double[] a = s.amplitude("110000011111010000100101");
    assertEquals(1.5362165e-05, a[0], 2e-11);
    assertEquals(3.7801277e-05, a[1], 2e-11);
    double[] b = s.amplitude("100000000000000000000000");
    assertEquals(9.14240663e-05, b[0], 1e-9);
    assertEquals(2.99709616e-04, b[1], 3e-9);
    assertEquals(1, s.normSquared(), 1e-10);
  }

  @Test
  void rejectsBadBitstringsAndSizes() {
    StateVector s = new StateVectorSimulator(1).run(parse("2\n0 h 0\n"));
    assertThrows(IllegalArgumentException.class, () -> s.amplitude("0"));
    assertThrows(IllegalArgumentException.class, () -> StateVector.zero(31));
  }
}
