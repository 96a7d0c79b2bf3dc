package io.canopy.circuits.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.qsim.QsimReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LayoutTest {
  /** The fSim pairs of a circuit file, one set a time step, in time order. */
  private static List<Set<List<Integer>>> fsimLayers(String file) {
    Circuit c = QsimReader.read(Path.of(file));
    TreeMap<Integer, Set<List<Integer>>> byTime = new TreeMap<>();
    for (Gate g : c.gates()) {
      if (g.name().equals("fs")) {
        byTime.computeIfAbsent(g.time(), t -> new HashSet<>()).add(pair(g.qubit(0), g.qubit(1)));
      }
    }
    return new ArrayList<>(byTime.values());
  }

  private static List<Integer> pair(int a, int b) {
    return List.of(Math.min(a, b), Math.max(a, b));
  }

  private static Set<List<Integer>> pattern(Layout layout, char letter) {
    Set<List<Integer>> s = new HashSet<>();
    for (int[] c : layout.pattern(letter)) s.add(pair(c[0], c[1]));
    return s;
  }

  private static void assertPatternsReproduce(String file, String sequence) {
    Layout syc = new Sycamore53Layout();
    List<Set<List<Integer>>> layers = fsimLayers(file);
    assertTrue(layers.size() >= sequence.length(), file);
    for (int c = 0; c < layers.size(); c++) {
      char letter = sequence.charAt(c % sequence.length());
      assertEquals(pattern(syc, letter), layers.get(c), file + " cycle " + c + " pattern " + letter);
    }
  }

  @Test
  void sycamorePatternsReproduceThePublishedAbcdcdabCircuit() {
    assertPatternsReproduce("data/sycamore/circuit_n53_m20_s0_e0_pABCDCDAB.qsim", "ABCDCDAB");
  }

  @Test
  void sycamorePatternsReproduceThePublishedEfghCircuit() {
    assertPatternsReproduce("data/sycamore/circuit_n53_m14_s0_e0_pEFGH.qsim", "EFGHEFGH");
  }

  @Test
  void sycamoreHas53QubitsAnd86Couplers() {
    Layout syc = new Sycamore53Layout();
    assertEquals(53, syc.numQubits());
    assertEquals(86, syc.couplers().size());
    // Every coupler is in exactly one of A..D and exactly one of E..H.
    for (String group : List.of("ABCD", "EFGH")) {
      int total = 0;
      Set<List<Integer>> union = new HashSet<>();
      for (char p : group.toCharArray()) {
        total += syc.pattern(p).size();
        union.addAll(pattern(syc, p));
      }
      assertEquals(86, total, group);
      assertEquals(86, union.size(), group);
    }
  }

  @Test
  void gridHasRowMajorQubitsAndAllNeighbourCouplers() {
    Layout g = new GridLayout(3, 4);
    assertEquals(12, g.numQubits());
    assertEquals(1, g.row(6));
    assertEquals(2, g.col(6));
    assertEquals(3 * 3 + 2 * 4, g.couplers().size());
    int covered = 0;
    for (char p : "ABCD".toCharArray()) {
      for (int[] c : g.pattern(p)) {
        assertEquals(1, Math.abs(g.row(c[0]) - g.row(c[1])) + Math.abs(g.col(c[0]) - g.col(c[1])));
        covered++;
      }
    }
    assertEquals(g.couplers().size(), covered);
  }

  @Test
  void patternsAreMatchingsOfDisjointCouplers() {
    Layout syc = new Sycamore53Layout();
    for (char p : "ABCDEFGH".toCharArray()) {
      Set<Integer> used = new HashSet<>();
      for (int[] c : syc.pattern(p)) {
        assertTrue(used.add(c[0]) && used.add(c[1]), "pattern " + p + " reuses a qubit");
      }
    }
    assertThrows(IllegalArgumentException.class, () -> syc.pattern('I'));
  }

  @Test
  void parsesLayoutNames() {
    assertEquals(53, Layouts.parse("sycamore53").numQubits());
    Layout g = Layouts.parse("grid:4x5");
    assertEquals(20, g.numQubits());
    assertEquals("grid:4x5", g.name());
    for (String bad : List.of("sycamore", "grid:0x3", "grid:4", "grid:4x", "grid:axb", "")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Layouts.parse(bad));
      assertTrue(e.getMessage().contains("grid:RxC"), e.getMessage());
    }
  }
}
