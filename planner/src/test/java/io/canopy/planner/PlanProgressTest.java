package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlanProgressTest {

  @Test
  void printsWhenTheBestChangesAtMostOncePerSecond() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlanProgress p = PlanProgress.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    p.update(1, 18.5, 52, 1.0);
    p.update(2, 18.4, 52, 1.5); // too soon
    p.update(3, 18.4, 52, 2.6);
    p.update(4, 18.4, 52, 9.0); // unchanged
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertEquals("1 trials, best log10 cost 18.50, log2 size 52, 1 s", lines[0]);
    assertEquals("3 trials, best log10 cost 18.40, log2 size 52, 3 s", lines[1]);
  }
}
