package io.canopy.planner.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultilevelBisectorTest {

  private static Hypergraph graph(int n, List<int[]> edges) {
    int[] vw = new int[n];
    Arrays.fill(vw, 1);
    int[] ew = new int[edges.size()];
    Arrays.fill(ew, 1);
    return new Hypergraph(vw, ew, edges.toArray(new int[0][]));
  }

  private static int countTrue(boolean[] side) {
    int c = 0;
    for (boolean s : side) if (s) c++;
    return c;
  }

  @Test
  void separatesTwoCliquesJoinedByOneEdge() {
    List<int[]> edges = new ArrayList<>();
    for (int base : new int[] {0, 10}) {
      for (int i = 0; i < 10; i++) for (int j = i + 1; j < 10; j++) edges.add(new int[] {base + i, base + j});
    }
    edges.add(new int[] {3, 14});
    Hypergraph g = graph(20, edges);
    boolean[] side = new MultilevelBisector(0.05).bisect(g, new SplittableRandom(1));
    assertEquals(1, g.cut(side));
    assertEquals(10, countTrue(side));
  }

  @Test
  void cutsALargeGridNearlyOptimallyWithinBalance() {
    int rows = 30;
    int cols = 40;
    List<int[]> edges = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int v = r * cols + c;
        if (c + 1 < cols) edges.add(new int[] {v, v + 1});
        if (r + 1 < rows) edges.add(new int[] {v, v + cols});
      }
    }
    Hypergraph g = graph(rows * cols, edges);
    double imbalance = 0.1;
    boolean[] side = new MultilevelBisector(imbalance).bisect(g, new SplittableRandom(3));
    int t = countTrue(side);
    assertTrue(t <= (1 + imbalance) * rows * cols / 2 && rows * cols - t <= (1 + imbalance) * rows * cols / 2,
        "unbalanced: " + t);
    // the optimum is 30 (a straight cut across the short side)
    assertTrue(g.cut(side) <= 45, "cut " + g.cut(side));
  }

  @Test
  void hyperedgesCountOnceWhenCut() {
    Hypergraph g = graph(4, List.of(new int[] {0, 1, 2, 3}));
    assertEquals(1, g.cut(new boolean[] {true, true, false, false}));
    assertEquals(0, g.cut(new boolean[] {true, true, true, true}));
  }
}
