package io.canopy.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HalfFloatTest {
  @Test
  void knownEncodings() {
    assertEquals((short) 0x3c00, HalfFloat.fromFloat(1f));
    assertEquals((short) 0xc000, HalfFloat.fromFloat(-2f));
    assertEquals((short) 0x7bff, HalfFloat.fromFloat(65504f));
    assertEquals((short) 0x7c00, HalfFloat.fromFloat(70000f));
    assertEquals((short) 0x0001, HalfFloat.fromFloat(Math.scalb(1f, -24)));
    assertEquals(65504f, HalfFloat.toFloat((short) 0x7bff));
    assertEquals(Math.scalb(1f, -24), HalfFloat.toFloat((short) 0x0001));
  }

  @Test
  void everyHalfRoundTrips() {
    for (int bits = 0; bits < 0x10000; bits++) {
      short h = (short) bits;
      if ((bits & 0x7c00) == 0x7c00 && (bits & 0x3ff) != 0) continue; // NaN payloads
      assertEquals(h, HalfFloat.fromFloat(HalfFloat.toFloat(h)), Integer.toHexString(bits));
    }
  }

  @Test
  void roundsToNearestEven() {
    // 1 + 2^-11 lies halfway between 1 and the next half 1 + 2^-10: ties go to the even 1
    assertEquals((short) 0x3c00, HalfFloat.fromFloat(1f + Math.scalb(1f, -11)));
    assertEquals((short) 0x3c02, HalfFloat.fromFloat(1f + 3 * Math.scalb(1f, -11)));
  }
}
