package io.canopy.results.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopKSelectionTest {
  private static final List<Amplitude> ROWS = List.of(
      new Amplitude("000", 0.1, 0), new Amplitude("010", 0.3, 0), new Amplitude("001", 0, 0.2),
      new Amplitude("100", 0.2, 0), new Amplitude("110", 0, -0.5), new Amplitude("101", 0.4, 0),
      new Amplitude("011", 0.05, 0));

  @Test
  void groupsByClosedBits() {
    // Qubit 1 open: rows pair up by qubits 0 and 2.
    assertArrayEquals(new long[] {0, 0, 1, 2, 2, 3, 1},
        TopKSelection.subspacesByClosedBits(ROWS, new int[] {1}));
  }

  @Test
  void keepsTheMostProbableOfEachSubspace() {
    AmplitudeTable table =
        new AmplitudeTable(ROWS, TopKSelection.subspacesByClosedBits(ROWS, new int[] {1}));
    assertEquals(List.of(ROWS.get(1), ROWS.get(2), ROWS.get(4), ROWS.get(5)),
        TopKSelection.select(table, 1));
    assertEquals(4, TopKSelection.countSubspaces(table));
    // Subspace 3 has a single row, so k = 2 cannot be met.
    assertThrows(IllegalArgumentException.class, () -> TopKSelection.select(table, 2));
  }

  @Test
  void expectedXebOfOrderStatistics() {
    // Top-1 of 2 exponentials: E[max] = 1 + 1/2, so XEB 0.5.
    assertEquals(0.5, TopKSelection.expectedLinearXeb(2, 1), 1e-15);
    // Top-2 of 4: E[largest] = 25/12, E[second] = 13/12; mean 19/12, XEB 7/12 = H_4 - H_2.
    assertEquals(7.0 / 12, TopKSelection.expectedLinearXeb(4, 2), 1e-15);
    // Keeping everything keeps the uniform mean.
    assertEquals(0, TopKSelection.expectedLinearXeb(8, 8), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> TopKSelection.expectedLinearXeb(4, 5));
  }

  @Test
  void expectedXebOfATableAveragesOverSubspaces() {
    List<Amplitude> rows = List.of(new Amplitude("00", 1, 0), new Amplitude("01", 1, 0),
        new Amplitude("10", 1, 0), new Amplitude("11", 1, 0), new Amplitude("00", 1, 0),
        new Amplitude("01", 1, 0));
    AmplitudeTable table = new AmplitudeTable(rows, new long[] {7, 7, 7, 7, 9, 9});
    assertEquals((TopKSelection.expectedLinearXeb(4, 1) + TopKSelection.expectedLinearXeb(2, 1))
        / 2, TopKSelection.expectedLinearXeb(table, 1), 1e-15);
  }

  @Test
  void needsSubspaceIds() {
    assertThrows(IllegalArgumentException.class,
        () -> TopKSelection.select(new AmplitudeTable(ROWS, null), 1));
  }
}
