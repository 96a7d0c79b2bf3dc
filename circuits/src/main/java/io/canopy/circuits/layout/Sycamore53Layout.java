package io.canopy.circuits.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Google's Sycamore processor as used in the 2019 supremacy experiment: 54 qubits on a tilted
 * grid, of which one (row 2, column 3) did not work, leaving 53. Qubits are numbered row by row,
 * left to right, skipping the dead one: the numbering of the published circuit files, whose fSim
 * layers this layout's patterns reproduce.
 */
public final class Sycamore53Layout extends Layout {
  /** Cirq's Sycamore device grid: one text row per grid row, 'q' a qubit, 'x' the dead qubit. */
  private static final String[] GRID = {
    "-----qq---",
    "----qqqq--",
    "---xqqqqq-",
    "--qqqqqqqq",
    "-qqqqqqqqq",
    "qqqqqqqqq-",
    "-qqqqqqq--",
    "--qqqqq---",
    "---qqq----",
    "----q-----",
  };

  public Sycamore53Layout() {
    super("sycamore53", coordinates());
  }

  private static int[][] coordinates() {
    List<int[]> c = new ArrayList<>();
    for (int r = 0; r < GRID.length; r++) {
      for (int col = 0; col < GRID[r].length(); col++) {
        if (GRID[r].charAt(col) == 'q') c.add(new int[] {r, col});
      }
    }
    return c.toArray(new int[0][]);
  }
}
