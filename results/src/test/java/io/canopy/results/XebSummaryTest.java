package io.canopy.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.InputException;
import io.canopy.results.run.RunData;
import io.canopy.results.sampling.TopKSelection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XebSummaryTest {

  @Test
  void wholeStateInSubspaces() {
    RandomCircuitState state = RandomCircuitState.grid3x4(12, 2);
    List<Amplitude> rows = new ArrayList<>();
    for (int i = 0; i < state.dimension(); i++) rows.add(state.amplitude(i));
    AmplitudeTable table =
        new AmplitudeTable(rows, TopKSelection.subspacesByClosedBits(rows, new int[] {2, 3, 8}));
    XebSummary s = XebSummary.of(RunData.of("t", "amps", table, null), 1);

    assertEquals(12, s.numQubits());
    assertEquals(0, s.linear().value(), 1e-12);
    assertTrue(s.log().isPresent());
    XebSummary.TopK top = s.topK().orElseThrow();
    assertEquals(512, top.subspaces());
    assertEquals(TopKSelection.expectedLinearXeb(8, 1), top.expected(), 1e-12);
    assertTrue(top.linear().sigmasFrom(top.expected()) < 4, top.linear().toString());
    assertTrue(s.porterThomas().consistent());
    assertTrue(s.toText().contains("top-1 XEB"), s.toText());
  }

  @Test
  void withoutSubspacesOrPositiveProbabilities() {
    AmplitudeTable table = new AmplitudeTable(List.of(new Amplitude("00", 1, 0),
        new Amplitude("11", 0, 0)), null);
    XebSummary s = XebSummary.of(RunData.of("t", "amps", table, null), 1);
    assertEquals(1, s.linear().value(), 1e-15);
    assertTrue(s.log().isEmpty());
    assertTrue(s.topK().isEmpty());
  }

  @Test
  void tooFewRowsOrSmallSubspaces() {
    AmplitudeTable one = new AmplitudeTable(List.of(new Amplitude("0", 1, 0)), null);
    InputException e = assertThrows(InputException.class,
        () -> XebSummary.of(RunData.of("t", "amps.csv", one, null), 1));
    assertEquals("amps.csv", e.source());

    AmplitudeTable pairs = new AmplitudeTable(List.of(new Amplitude("00", 0.5, 0),
        new Amplitude("01", 0.5, 0), new Amplitude("10", 0.5, 0)), new long[] {0, 0, 1});
    assertThrows(InputException.class,
        () -> XebSummary.of(RunData.of("t", "amps.csv", pairs, null), 2));
  }
}
