package io.canopy.cuda.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArenaAllocatorTest {

  @Test
  void blocksDoNotOverlapAndFreedSpaceCoalesces() {
    ArenaAllocator arena = new ArenaAllocator(1 << 20);
    Random rnd = new Random(3);
    List<long[]> live = new ArrayList<>();
    for (int step = 0; step < 2000; step++) {
      if (!live.isEmpty() && (rnd.nextBoolean() || arena.largestFree() < 4096)) {
        long[] b = live.remove(rnd.nextInt(live.size()));
        arena.free(b[0]);
      } else {
        long size = 1 + rnd.nextInt(4096);
        long off = arena.allocate(size);
        assertEquals(0, off % ArenaAllocator.ALIGNMENT);
        for (long[] other : live) {
          assertTrue(off + size <= other[0] || other[0] + other[1] <= off, "blocks overlap");
        }
        live.add(new long[] {off, size});
      }
    }
    for (long[] b : live) arena.free(b[0]);
    assertEquals(0, arena.inUse());
    assertEquals(1 << 20, arena.largestFree());
  }

  @Test
  void tracksPeakAndRefusesWhatDoesNotFit() {
    ArenaAllocator arena = new ArenaAllocator(4096);
    long a = arena.allocate(2048);
    long b = arena.allocate(1024);
    assertNotEquals(a, b);
    arena.free(a);
    assertEquals(3072, arena.peak());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> arena.allocate(3072));
    assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> arena.free(a));
  }
}
