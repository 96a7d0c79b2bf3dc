package io.canopy.results.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.InputException;
import io.canopy.results.run.RunRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionTest {

  private static ByteArrayInputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void handComputedCase() {
    // 10^12 complex multiply-adds = 8e12 real flops in 4 slices of 2e12; at 1 TFLOP/s 2 s each.
    // 2 GPUs take 2 rounds: 4 s; 2 GPUs * 100 W * 4 s = 800 J.
    ProjectionResult r = Projection.project(new PlanCost(12, 4), new GpuRate(1, 100), 2, 1);
    assertEquals(8e12, r.plan().totalRealFlops(), 1e-3);
    assertEquals(2, r.rounds(), 0);
    assertEquals(4, r.seconds(), 1e-12);
    assertEquals(800, r.joules(), 1e-9);
    assertEquals(800 / 3.6e6, r.kilowattHours(), 1e-18);
  }

  @Test
  void unevenSlicesCostAWholeRound() {
    // 5 slices on 2 GPUs: 3 rounds of 2 s, and the idle GPU still draws power.
    ProjectionResult r = Projection.project(new PlanCost(12, 5), new GpuRate(1.6, 50), 2, 1);
    assertEquals(3, r.rounds(), 0);
    assertEquals(3 * 8e12 / 5 / 1.6e12, r.seconds(), 1e-12);
    assertEquals(2 * 50 * r.seconds(), r.joules(), 1e-9);
  }

  @Test
  void efficiencyStretchesTime() {
    PlanCost plan = new PlanCost(15, 64);
    GpuRate rate = new GpuRate(10, 300);
    double full = Projection.project(plan, rate, 8, 1).seconds();
    assertEquals(2 * full, Projection.project(plan, rate, 8, 0.5).seconds(), 1e-9 * full);
  }

  @Test
  void seedSystemFigures() {
    // 2304 GPUs at 243 TFLOP/s and 260 W on a plan of 10^18 multiply-adds in 2304 * 1024
    // slices: 8e18 / (2304 * 243e12) = 14.29 s and 2304 * 260 W * 14.29 s = 2.378 kWh,
    // the scale of the published 14.22 s and 2.39 kWh.
    ProjectionResult r =
        Projection.project(new PlanCost(18, 2304 * 1024), new GpuRate(243, 260), 2304, 1);
    assertEquals(8e18 / (2304 * 243e12), r.seconds(), 1e-9);
    assertTrue(r.seconds() > 13.5 && r.seconds() < 15, r.toText());
    assertEquals(2304 * 260 * r.seconds() / 3.6e6, r.kilowattHours(), 1e-12);
    assertTrue(r.kilowattHours() > 2.2 && r.kilowattHours() < 2.6, r.toText());
  }

  @Test
  void badArguments() {
    PlanCost plan = new PlanCost(12, 4);
    GpuRate rate = new GpuRate(1, 100);
    assertThrows(IllegalArgumentException.class, () -> Projection.project(plan, rate, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Projection.project(plan, rate, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Projection.project(plan, rate, 1, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new GpuRate(0, 100));
    assertThrows(IllegalArgumentException.class, () -> new PlanCost(12, 0));
  }

  @Test
  void planCostFromPlanFile() {
    PlanCost cost = PlanCost.read(json("{\"formatVersion\":1,\"stats\":{\"log10Flops\":11.5,"
        + "\"log2MaxSize\":20,\"numSlices\":256.0,\"slicedLog10Flops\":12.25,\"overhead\":5.6}}"),
        "plan.json");
    assertEquals(new PlanCost(12.25, 256), cost);

    InputException noStats = assertThrows(InputException.class,
        () -> PlanCost.read(json("{\"formatVersion\":1}"), "plan.json"));
    assertEquals("plan.json: plan has no stats object", noStats.getMessage());
    InputException badJson = assertThrows(InputException.class,
        () -> PlanCost.read(json("{\n\"stats\": {\n]"), "plan.json"));
    assertEquals(3, badJson.line());
    assertThrows(InputException.class, () -> PlanCost.read(
        json("{\"stats\":{\"numSlices\":4,\"slicedLog10Flops\":\"big\"}}"), "plan.json"));
  }

  @Test
  void planCostFromAFile(@TempDir Path dir) throws IOException {
    Path plan = dir.resolve("plan.json");
    InputException missing = assertThrows(InputException.class, () -> PlanCost.load(plan));
    assertEquals(plan + ": no such plan file", missing.getMessage());
    Files.writeString(plan, "{\"stats\":{\"numSlices\":16,\"slicedLog10Flops\":9}}");
    assertEquals(new PlanCost(9, 16), PlanCost.load(plan));
  }

  @Test
  void rateMeasuredFromARun() {
    // Slices of 8e12 / 8 = 1e12 real flops; 4 slices in 8 GPU-seconds: 0.5 TFLOP/s;
    // 800 J over 8 s: 100 W.
    RunRecord run = RunRecord.read(json("{\"plan\":{\"numSlices\":8,"
        + "\"slicedLog10Flops\":12},\"tasks\":["
        + "{\"task\":0,\"slices\":2,\"seconds\":3,\"joules\":250},"
        + "{\"task\":1,\"slices\":2,\"seconds\":5,\"joules\":550}]}"), "run.json");
    GpuRate rate = GpuRate.measured(run);
    assertEquals(0.5, rate.tflops(), 1e-12);
    assertEquals(0.5, GpuRate.measuredTflops(run), 1e-12);
    assertEquals(100, rate.watts(), 1e-12);
  }

  @Test
  void measuringNeedsStatsTasksAndJoules() {
    String stats = "\"plan\":{\"numSlices\":8,\"slicedLog10Flops\":12}";
    assertThrows(InputException.class, () -> GpuRate.measured(RunRecord.read(
        json("{\"tasks\":[{\"slices\":2,\"seconds\":3,\"joules\":1}]}"), "run.json")));
    assertThrows(InputException.class,
        () -> GpuRate.measured(RunRecord.read(json("{" + stats + "}"), "run.json")));
    InputException noJoules = assertThrows(InputException.class, () -> GpuRate.measured(
        RunRecord.read(json("{" + stats + ",\"tasks\":[{\"task\":4,\"slices\":2,\"seconds\":3}]}"),
            "run.json")));
    assertTrue(noJoules.problem().startsWith("task 4 has no joules"), noJoules.problem());
    // The rate alone needs no joules.
    assertEquals(8e12 / 8 * 2 / 3 / 1e12, GpuRate.measuredTflops(RunRecord.read(
        json("{" + stats + ",\"tasks\":[{\"task\":4,\"slices\":2,\"seconds\":3}]}"),
        "run.json")), 1e-12);
  }
}
