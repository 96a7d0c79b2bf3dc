package io.canopy.planner.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
  /** A(i,j) B(j,k) C(k,l), sizes 2, 4, 8, 16, path (AB)C: flops 64 + 256, writes 16 + 32. */
  private final ContractionTree chain = ContractionTree.fromSsaPath(
      new ContractionProblem(new int[][] {{0, 1}, {1, 2}, {2, 3}}, new int[] {0, 3}, new int[] {1, 2, 3, 4}),
      new int[][] {{0, 1}, {3, 2}});

  @Test
  void scoresAgreeWithHandCounts() {
    assertEquals(Math.log10(320), Objective.flops().score(chain), 1e-12);
    assertEquals(Math.log10(48), Objective.write().score(chain), 1e-12);
    assertEquals(Math.log10(320 + 2 * 48), Objective.combo(2).score(chain), 1e-12);
    assertEquals(7 + Math.log10(320) / 1000, Objective.size().score(chain), 1e-12);
  }

  @Test
  void onlyWriteAwareObjectivesWeighWrites() {
    assertEquals(0, Objective.flops().writeWeight());
    assertEquals(0, Objective.size().writeWeight());
    assertEquals(8, Objective.combo(8).writeWeight());
    assertTrue(Objective.write().writeWeight() > 1e3);
  }

  @Test
  void parsesNamesAndRejectsOthers() {
    assertEquals("flops", Objective.parse("FLOPS").toString());
    assertEquals("combo:64.0", Objective.parse("combo").toString());
    assertEquals("combo:8.0", Objective.parse("combo:8").toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("speed"));
    assertTrue(e.getMessage().contains("'speed'"));
    assertThrows(IllegalArgumentException.class, () -> Objective.parse("combo:x"));
    assertThrows(IllegalArgumentException.class, () -> Objective.combo(-1));
  }
}
