package io.canopy.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void binsAndOverflow() {
    Histogram h = new Histogram(4, 2);
    for (double x : new double[] {0, 0.49, 0.5, 1.99, 2, 7}) h.add(x);
    assertEquals(0.5, h.binWidth(), 0);
    assertEquals(2, h.count(0));
    assertEquals(1, h.count(1));
    assertEquals(0, h.count(2));
    assertEquals(1, h.count(3));
    assertEquals(2, h.overflow());
    assertEquals(6, h.total());
    // 2 of 6 values in a bin of width 0.5.
    assertEquals(2.0 / 6 / 0.5, h.density(0), 1e-15);
    assertEquals(1.5, h.lowerEdge(3), 0);
  }

  @Test
  void rejectsNegativeAndNaN() {
    Histogram h = new Histogram(2, 1);
    assertThrows(IllegalArgumentException.class, () -> h.add(-0.1));
    assertThrows(IllegalArgumentException.class, () -> h.add(Double.NaN));
  }
}
