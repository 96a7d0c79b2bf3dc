package io.canopy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The energy integral of power samples, against hand-computed areas. */
class GpuPowerMeterTest {
  private static final long S = 1_000_000_000L;

  @Test
  void constantPowerGivesPowerTimesTime() {
    assertEquals(300 * 2.5, GpuPowerMeter.integrate(new long[] {S, 2 * S}, new double[] {300, 300}, 0, 5 * S / 2), 1e-9);
  }

  @Test
  void rampIsTrapezoidsWithFlatEnds() {
    // 100 W held from 0 to 1 s, ramp 100 -> 300 W over 1..2 s (200 J), 300 W held to 3 s
    double j = GpuPowerMeter.integrate(new long[] {S, 2 * S}, new double[] {100, 300}, 0, 3 * S);
    assertEquals(100 + 200 + 300, j, 1e-9);
  }

  @Test
  void noSamplesMeansNotMeasured() {
    assertTrue(Double.isNaN(GpuPowerMeter.integrate(new long[0], new double[0], 0, S)));
  }
}
