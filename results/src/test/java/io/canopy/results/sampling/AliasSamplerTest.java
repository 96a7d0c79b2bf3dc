package io.canopy.results.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AliasSamplerTest {

  @Test
  void frequenciesFollowTheWeights() {
    double[] weights = {0.5, 0.25, 0.125, 0.0625, 0.0625, 0};
    int draws = 200_000;
    long[] counts = new long[weights.length];
    for (int i : new AliasSampler(weights).sample(draws, 42)) counts[i]++;
    for (int i = 0; i < weights.length; i++) {
      double expected = draws * weights[i];
      double sd = Math.sqrt(draws * weights[i] * (1 - weights[i]));
      assertEquals(expected, counts[i], 5 * sd + 1e-9, "outcome " + i);
    }
    assertEquals(0, counts[5], "a zero weight is never drawn");
  }

  @Test
  void unnormalizedWeightsAreSampledProportionally() {
    int draws = 100_000;
    long ones = 0;
    for (int i : new AliasSampler(new double[] {3, 1}).sample(draws, 1)) ones += i;
    assertEquals(0.25 * draws, ones, 5 * Math.sqrt(draws * 0.25 * 0.75));
  }

  @Test
  void sameSeedSameSamples() {
    AliasSampler sampler = new AliasSampler(new double[] {0.1, 0.2, 0.3, 0.4});
    assertArrayEquals(sampler.sample(100, 7), sampler.sample(100, 7));
  }

  @Test
  void badWeights() {
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, -1}));
    assertThrows(IllegalArgumentException.class,
        () -> new AliasSampler(new double[] {1, Double.NaN}));
  }
}
