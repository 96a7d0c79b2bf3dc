package io.canopy.planner.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.Plan;
import io.canopy.planner.PlanProgress;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.RandomProblems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlanFileTest {
  private static Plan plan;
  private static String json;

  @BeforeAll
  static void makePlan() {
    ContractionProblem p = RandomProblems.regular(40, 3, 2, 2, 3);
    plan = Planner.plan(p, PlannerOptions.builder().trials(4).targetLog2Size(6).build(), PlanProgress.NONE);
    json = PlanFile.format(plan);
  }

  private static Plan read(String text) {
    return PlanFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "plan.json");
  }

  private static String failure(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(text));
    assertTrue(e.getMessage().startsWith("plan.json: "), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void roundTripKeepsTreeSlicesAndStats() {
    Plan back = read(json);
    assertEquals(plan.problem(), back.problem());
    assertArrayEquals(plan.tree().ssaPath(), back.tree().ssaPath());
    assertArrayEquals(plan.tree().sliced(), back.tree().sliced());
    assertEquals(plan.stats(), back.stats());
    assertEquals(plan.networkHash(), back.networkHash());
    assertTrue(plan.tree().sliced().length > 0, "the test plan should be sliced");
  }

  @Test
  void recordsHowThePlanWasMade() {
    Plan back = read(json);
    assertEquals(6L, back.origin().get("targetLog2Size"));
    assertEquals(4L, back.origin().get("trials"));
    assertEquals("flops", back.origin().get("objective"));
    assertEquals(true, back.origin().get("sliceReplanning"));
    assertTrue(((Long) back.origin().get("trialsDone")) >= 4, back.origin().toString());
    assertTrue(back.origin().get("planningSeconds") instanceof Double, back.origin().toString());
    assertEquals(plan.origin().keySet(), back.origin().keySet());
    // written again, the same plan file
    assertEquals(json, PlanFile.format(back));
  }

  @Test
  void readsPlansWithoutOriginAndRejectsANonScalarOne() {
    int at = json.indexOf(",\n  \"planner\"");
    String withoutOrigin = json.substring(0, at) + "\n}";
    assertTrue(read(withoutOrigin).origin().isEmpty());
    assertTrue(failure(json.replace("\"planner\" : {", "\"planner\" : { \"nested\" : [ 1 ],"))
        .contains("planner.nested is not a number, string or boolean"));
  }

  @Test
  void networkOfOneTensorHasNoCostAndStillRoundTrips() {
    ContractionProblem single = new ContractionProblem(new int[][] {{0, 1}}, new int[] {0, 1}, new int[] {1, 1});
    Plan scalar = new Plan(io.canopy.planner.ContractionTree.fromSsaPath(single, new int[0][]));
    assertEquals(Double.NEGATIVE_INFINITY, scalar.stats().log10Flops());
    assertEquals(1.0, scalar.stats().overhead());
    Plan back = read(PlanFile.format(scalar));
    assertEquals(scalar.stats(), back.stats());
  }

  @Test
  void rejectsAnotherFormatVersion() {
    assertTrue(failure(json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")).contains("formatVersion 2"));
  }

  @Test
  void rejectsAHashThatDoesNotMatchTheNetwork() {
    String h = plan.networkHash();
    String other = (h.charAt(0) == 'a' ? "b" : "a") + h.substring(1);
    assertTrue(failure(json.replace(h, other)).contains("does not match"));
  }

  @Test
  void rejectsAnInvalidPath() {
    int[] first = plan.tree().ssaPath()[0];
    String step = "[ " + first[0] + ", " + first[1] + " ]";
    assertTrue(json.contains(step), "formatting assumption");
    String broken = json.replaceFirst(java.util.regex.Pattern.quote(step), "[ " + first[0] + ", " + first[0] + " ]");
    assertTrue(failure(broken).contains("invalid path"));
  }

  @Test
  void rejectsStatsThatDisagreeWithThePath() {
    String stats = "\"log2MaxSize\" : " + plan.stats().log2MaxSize();
    assertTrue(failure(json.replace(stats, "\"log2MaxSize\" : 99")).contains("stats.log2MaxSize"));
  }

  @Test
  void rejectsMissingFieldsAndBadJson() {
    assertTrue(failure(json.replace("\"sliced\"", "\"slized\"")).contains("missing field 'sliced'"));
    assertTrue(failure("{ \"formatVersion\" : ").contains("not valid JSON"));
    assertTrue(failure("[1, 2]").contains("not a JSON object"));
  }
}
