package io.canopy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  @Test
  void aResumedRunLeavesTheSlicesItFoundDoneOutOfItsRate() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "contracting:");
    printer.update(16, 1024);
    printer.update(1024, 1024);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length, String.join("\n", lines));
    // nothing computed yet in this process: no rate, no ETA, however many slices were resumed
    assertTrue(lines[0].startsWith("contracting: 16/1024 slices (1.6%, 16 resumed), 0.00 slices/s,"), lines[0]);
    assertTrue(lines[0].endsWith("ETA -"), lines[0]);
    assertTrue(lines[1].startsWith("contracting: 1024/1024 slices (100.0%, 16 resumed)"), lines[1]);
  }

  @Test
  void aFreshRunShowsNoResumedCount() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "x");
    printer.update(0, 8);
    printer.update(8, 8);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("x 0/8 slices (0.0%), 0.00 slices/s"), out);
    assertTrue(out.contains("x 8/8 slices (100.0%), "), out);
  }
}
