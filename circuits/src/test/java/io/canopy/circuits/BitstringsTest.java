package io.canopy.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BitstringsTest {
  @TempDir Path dir;

  @Test
  void readsThePublicBitstringFiles() {
    List<String> b = Bitstrings.read(Path.of("data/qsim/bitstrings_q24_s1"), 24);
    assertEquals(10000, b.size());
    assertEquals(24, b.get(0).length());
    assertEquals(10000, Bitstrings.read(Path.of("data/qsim/bitstrings_q40_s1"), 40).size());
  }

  @Test
  void skipsBlankLinesAndAcceptsCrlf() throws Exception {
    Path f = dir.resolve("b.txt");
    Files.writeString(f, "0101\r\n\r\n  \n1111 \n");
    assertEquals(List.of("0101", "1111"), Bitstrings.read(f, 4));
  }

  @Test
  void namesFileAndLineOfABadString() throws Exception {
    Path f = dir.resolve("b.txt");
    Files.writeString(f, "0101\n\n01x1\n");
    InputException e = assertThrows(InputException.class, () -> Bitstrings.read(f, 4));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
    Files.writeString(f, "0101\n011\n");
    e = assertThrows(InputException.class, () -> Bitstrings.read(f, 4));
    assertEquals(2, e.line());
    assertTrue(e.problem().contains("expected 4"), e.problem());
  }

  @Test
  void validatesOneString() {
    assertEquals("0110", Bitstrings.validate("0110", 4));
    assertThrows(IllegalArgumentException.class, () -> Bitstrings.validate("0112", 4));
    assertThrows(IllegalArgumentException.class, () -> Bitstrings.validate("01100", 4));
  }

  @Test
  void randomStringsAreReproducibleAndValid() {
    List<String> a = Bitstrings.random(30, 50, 7);
    assertEquals(a, Bitstrings.random(30, 50, 7));
    assertNotEquals(a, Bitstrings.random(30, 50, 8));
    for (String s : a) Bitstrings.validate(s, 30);
    long ones = a.stream().flatMapToInt(String::chars).filter(c -> c == '1').count();
    assertTrue(ones > 500 && ones < 1000, "about half the bits are 1: " + ones);
  }
}
