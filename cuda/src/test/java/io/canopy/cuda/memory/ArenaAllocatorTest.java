package io.canopy.cuda.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.contractor.Precision;
import io.canopy.cuda.ComplexProduct;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import io.canopy.planner.io.PlanFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArenaAllocatorTest {

  @Test
  void largeBlocksFromBothEndsDoNotOverlapAndStayAligned() {
    // a pool's size is its plan's bytes times the headroom: any number of bytes
    ArenaAllocator arena = new ArenaAllocator((1 << 24) + 100);
    long capacity = arena.capacity();
    assertEquals(1 << 24, capacity);
    Random rnd = new Random(5);
    List<long[]> live = new ArrayList<>();
    for (int step = 0; step < 3000; step++) {
      long size = rnd.nextBoolean() ? 1 + rnd.nextInt(4096) : capacity / 32 + rnd.nextInt(1 << 20);
      if (!live.isEmpty() && (rnd.nextBoolean() || arena.largestFree() < size)) {
        arena.free(live.remove(rnd.nextInt(live.size()))[0]);
        continue;
      }
      long off = arena.allocate(size);
      assertTrue(off >= 0 && off + size <= capacity, "block outside the region");
      assertEquals(0, off % ArenaAllocator.ALIGNMENT);
      for (long[] other : live) assertTrue(off + size <= other[0] || other[0] + other[1] <= off, "blocks overlap");
      live.add(new long[] {off, size});
    }
    for (long[] b : live) arena.free(b[0]);
    assertEquals(capacity, arena.largestFree(), "everything coalesces back");
  }

  /**
   * The benchmark plans' slices, allocated as the contractor does (inputs, then each step's
   * output before its operands are freed), three slices in a row, fit in the pool the backend
   * takes for them: their {@link MemoryPlan} peak plus the pool's headroom.
   */
  @Test
  void benchmarkPlansFitTheirPeakPlusHeadroom() throws IOException {
    // tests run in the module directory under Maven, from the repository root on the GPU host
    Path dir = Files.isDirectory(Path.of("bench-plans")) ? Path.of("bench-plans") : Path.of("cuda", "bench-plans");
    List<Path> plans;
    try (Stream<Path> files = Files.list(dir)) {
      plans = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(plans.isEmpty());
    for (Path file : plans) {
      Plan plan;
      try (InputStream in = Files.newInputStream(file)) {
        plan = PlanFile.read(in, file.toString());
      }
      for (Precision p : new Precision[] {Precision.COMPLEX64, Precision.COMPLEX_HALF}) {
        long pool = (long) Math.ceil(MemoryPlan.of(plan, p, ComplexProduct.DEFAULT).bytes() * DeviceMemoryPool.HEADROOM);
        ArenaAllocator arena = new ArenaAllocator(pool);
        ContractionTree tree = plan.tree();
        long[] offset = new long[tree.numNodes()];
        for (int slice = 0; slice < 3; slice++) {
          for (int node = 0; node < tree.numNodes(); node++) {
            offset[node] = arena.allocate((long) MemoryPlan.elementBytes(p) << tree.log2Size(node));
            if (!tree.isLeaf(node)) {
              arena.free(offset[tree.left(node)]);
              arena.free(offset[tree.right(node)]);
            }
          }
          arena.free(offset[tree.root()]);
        }
        assertEquals(0, arena.inUse(), file + " " + p);
      }
    }
  }

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
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> arena.allocate(2048));
    assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
    arena.free(a);
    assertEquals(3072, arena.peak());
    assertThrows(IllegalArgumentException.class, () -> arena.free(a));
  }
}
