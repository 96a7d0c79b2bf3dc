package io.canopy.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InputExceptionTest {
  @Test
  void messageNamesSourceLineAndProblem() {
    InputException e = new InputException("a.qsim", 7, "unknown gate 'q'");
    assertEquals("a.qsim:7: unknown gate 'q'", e.getMessage());
    assertEquals("a.qsim", e.source());
    assertEquals(7, e.line());
    assertEquals("unknown gate 'q'", e.problem());
    assertEquals("a.qsim: empty file", new InputException("a.qsim", 0, "empty file").getMessage());
  }
}
