package io.canopy.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.results.RandomCircuitState;
import org.junit.jupiter.api.Test;

class PorterThomasTest {

  @Test
  void deepRandomCircuitFollowsTheExponential() {
    RandomCircuitState state = RandomCircuitState.grid3x4(12, 1);
    PorterThomasCheck check = PorterThomas.check(state.probabilities(), state.numQubits);
    assertTrue(check.consistent(), "KS " + check.ksDistance());
    Histogram h = check.histogram();
    assertEquals(state.dimension(), h.total());
    // The first bins hold most of the mass; each within 20% of e^-x averaged over the bin.
    for (int b = 0; b < 5; b++) {
      assertEquals(check.expectedDensity()[b], h.density(b), 0.2 * check.expectedDensity()[b]);
    }
  }

  @Test
  void productStateIsFarFromPorterThomas() {
    // No entangling cycle: every bitstring has p = 1/D, so D p = 1 and KS = 1 - e^-1.
    RandomCircuitState state = RandomCircuitState.grid3x4(0, 1);
    PorterThomasCheck check = PorterThomas.check(state.probabilities(), state.numQubits);
    assertEquals(1 - Math.exp(-1), check.ksDistance(), 1e-9);
    assertFalse(check.consistent());
  }

  @Test
  void expectedDensityIsTheBinAverageOfTheExponential() {
    PorterThomasCheck check = PorterThomas.check(new double[] {0.1, 0.2}, 1, 2, 2);
    assertEquals(1 - Math.exp(-1), check.expectedDensity()[0], 1e-15);
    assertEquals(Math.exp(-1) - Math.exp(-2), check.expectedDensity()[1], 1e-15);
  }

  @Test
  void ksDistanceByHand() {
    // One value at x = ln 2, where 1 - e^-x = 1/2: the empirical CDF jumps 0 -> 1 there.
    assertEquals(0.5, PorterThomas.ksDistance(new double[] {Math.log(2)}), 1e-15);
  }
}
