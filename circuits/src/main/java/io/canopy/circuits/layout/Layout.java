package io.canopy.circuits.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Qubits on a square grid: qubit i sits at (row, col), and a coupler joins every two qubits at
 * distance 1. The couplers fall into the eight activation patterns of Google's Sycamore supremacy
 * experiment (Arute et al., Nature 574, 505 (2019), Fig. 3): A, B (one orientation, staggered),
 * C, D (the other orientation, staggered), and the aligned E, F, G, H. The rule is the one of
 * Cirq's {@code GridInteractionLayer}; it reproduces the coupler layers of the published circuits.
 */
public class Layout {
  private final String name;
  private final int[] rows;
  private final int[] cols;
  private final List<int[]> couplers;

  /**
   * @param coordinates {row, col} of every qubit, in qubit order; no two equal
   */
  protected Layout(String name, int[][] coordinates) {
    this.name = name;
    int n = coordinates.length;
    rows = new int[n];
    cols = new int[n];
    for (int q = 0; q < n; q++) {
      rows[q] = coordinates[q][0];
      cols[q] = coordinates[q][1];
      for (int p = 0; p < q; p++) {
        if (rows[p] == rows[q] && cols[p] == cols[q]) {
          throw new IllegalArgumentException("qubits " + p + " and " + q + " share a position");
        }
      }
    }
    List<int[]> c = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        if (Math.abs(rows[a] - rows[b]) + Math.abs(cols[a] - cols[b]) == 1) c.add(new int[] {a, b});
      }
    }
    couplers = Collections.unmodifiableList(c);
  }

  /** A short name, such as {@code sycamore53} or {@code grid:4x5}. */
  public String name() { return name; }

  public int numQubits() { return rows.length; }

  public int row(int qubit) { return rows[qubit]; }

  public int col(int qubit) { return cols[qubit]; }

  /** All couplers as {lower qubit, higher qubit}, ordered by lower then higher qubit. */
  public List<int[]> couplers() { return couplers; }

  /**
   * The couplers activated together in pattern A..H, in the order of {@link #couplers()}.
   *
   * @throws IllegalArgumentException for any other letter
   */
  public List<int[]> pattern(char letter) {
    PatternRule rule = PatternRule.of(letter);
    List<int[]> out = new ArrayList<>();
    for (int[] c : couplers) {
      if (rule.contains(rows[c[0]], cols[c[0]], rows[c[1]], cols[c[1]])) out.add(c);
    }
    return out;
  }

  /**
   * One activation pattern: couplers of one orientation whose cell in a 2x2 unit cell (shifted by
   * a column offset) is (0, 0), or (1, 1) when staggered, (1, 0) when aligned.
   */
  private record PatternRule(boolean vertical, int offset, boolean staggered) {
    static PatternRule of(char letter) {
      switch (letter) {
        case 'A': return new PatternRule(true, 0, true);
        case 'B': return new PatternRule(true, 1, true);
        case 'C': return new PatternRule(false, 1, true);
        case 'D': return new PatternRule(false, 0, true);
        case 'E': return new PatternRule(false, 0, false);
        case 'F': return new PatternRule(false, 1, false);
        case 'G': return new PatternRule(true, 0, false);
        case 'H': return new PatternRule(true, 1, false);
        default:
          throw new IllegalArgumentException("unknown coupler pattern '" + letter
              + "'; patterns are A to H");
      }
    }

    boolean contains(int rowA, int colA, int rowB, int colB) {
      // A vertical pattern is the horizontal rule on the transposed grid.
      int ra = vertical ? colA : rowA;
      int ca = vertical ? rowA : colA;
      int rb = vertical ? colB : rowB;
      int cb = vertical ? rowB : colB;
      if (ra != rb || Math.abs(ca - cb) != 1) return false;
      int left = Math.min(ca, cb);
      int cellRow = Math.floorMod(ra, 2);
      int cellCol = Math.floorMod(left - offset, 2);
      return (cellRow == 0 && cellCol == 0) || (cellRow == 1 && cellCol == (staggered ? 1 : 0));
    }
  }
}
