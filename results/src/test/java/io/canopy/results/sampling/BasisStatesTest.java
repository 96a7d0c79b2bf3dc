package io.canopy.results.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BasisStatesTest {

  @Test
  void qubitZeroIsTheLeastSignificantBit() {
    assertEquals("1000", BasisStates.bitstring(1, 4));
    assertEquals("0011", BasisStates.bitstring(12, 4));
    assertEquals(12, BasisStates.index("0011"));
  }

  @Test
  void roundTrip() {
    for (long i = 0; i < 64; i++) assertEquals(i, BasisStates.index(BasisStates.bitstring(i, 6)));
    String wide = "1".repeat(62);
    assertEquals(wide, BasisStates.bitstring(BasisStates.index(wide), 62));
  }

  @Test
  void outOfRange() {
    assertThrows(IllegalArgumentException.class, () -> BasisStates.bitstring(16, 4));
    assertThrows(IllegalArgumentException.class, () -> BasisStates.index("012"));
  }
}
