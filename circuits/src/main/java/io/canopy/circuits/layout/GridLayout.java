package io.canopy.circuits.layout;

/** A full rows x cols grid, qubits numbered row by row: qubit r * cols + c sits at (r, c). */
public final class GridLayout extends Layout {
  public GridLayout(int rows, int cols) {
    super("grid:" + rows + "x" + cols, coordinates(rows, cols));
  }

  private static int[][] coordinates(int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("a grid needs at least one row and one column, not "
          + rows + "x" + cols);
    }
    int[][] c = new int[rows * cols][];
    for (int q = 0; q < c.length; q++) c[q] = new int[] {q / cols, q % cols};
    return c;
  }
}
