package io.canopy.cuda.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.contractor.Precision;
import org.junit.jupiter.api.Test;

class DeviceMemoryPoolSizeTest {
  private static final long GIB = 1L << 30;

  @Test
  void takesTheFallbackRoomWhenItFits() {
    long size = DeviceMemoryPool.size(new MemoryPlan(10 * GIB, 20 * GIB), 80 * GIB, Precision.COMPLEX_HALF, "gpu");
    assertTrue(size >= 20 * GIB && size < 30 * GIB, "size " + size);
  }

  @Test
  void fallsBackToTheNormalPeakWhenTheFallbackRoomDoesNot() {
    long size = DeviceMemoryPool.size(new MemoryPlan(10 * GIB, 90 * GIB), 80 * GIB, Precision.COMPLEX_HALF, "gpu");
    assertTrue(size >= 10 * GIB && size < 20 * GIB, "size " + size);
  }

  @Test
  void refusesAPlanThatCannotFitWithOneLine() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DeviceMemoryPool.size(MemoryPlan.ofBytes(100 * GIB), 80 * GIB, Precision.COMPLEX64, "cuda:0 (H100)"));
    assertTrue(e.getMessage().startsWith("plan needs"), e.getMessage());
    assertTrue(e.getMessage().contains("cuda:0 (H100)"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void smallWorkGetsTheMinimum() {
    assertEquals(DeviceMemoryPool.MINIMUM, DeviceMemoryPool.size(MemoryPlan.ofBytes(1000), 80 * GIB, Precision.COMPLEX64, "gpu"));
  }
}
