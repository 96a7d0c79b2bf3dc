package io.canopy.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AmplitudesCsvTest {

  private static List<Amplitude> read(String text) {
    return AmplitudesCsv.read(stream(text), "amps.csv");
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InputException readError(String text) {
    return assertThrows(InputException.class, () -> read(text));
  }

  @Test
  void roundTripIsBitExact() {
    Random random = new Random(7);
    List<Amplitude> amplitudes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      StringBuilder bits = new StringBuilder();
      for (int q = 0; q < 53; q++) bits.append(random.nextBoolean() ? '1' : '0');
      // Amplitudes of 53-qubit circuits are about 2^-26.5; mix in extremes and signed zeros.
      double scale = Math.pow(2, -26.5 + random.nextGaussian());
      amplitudes.add(new Amplitude(bits.toString(), random.nextGaussian() * scale,
          random.nextGaussian() * scale));
    }
    amplitudes.add(new Amplitude("0".repeat(53), -0.0, Double.MIN_VALUE));
    amplitudes.add(new Amplitude("1".repeat(53), Double.MAX_VALUE, -Double.MIN_NORMAL));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AmplitudesCsv.write(amplitudes, out);
    List<Amplitude> back = AmplitudesCsv.read(new ByteArrayInputStream(out.toByteArray()), "rt");

    assertEquals(amplitudes.size(), back.size());
    for (int i = 0; i < amplitudes.size(); i++) {
      Amplitude a = amplitudes.get(i);
      Amplitude b = back.get(i);
      assertEquals(a.bitstring(), b.bitstring());
      assertEquals(Double.doubleToRawLongBits(a.re()), Double.doubleToRawLongBits(b.re()));
      assertEquals(Double.doubleToRawLongBits(a.im()), Double.doubleToRawLongBits(b.im()));
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("bitstring,real,imag\n"));
  }

  @Test
  void subspaceColumnRoundTrips() {
    List<Amplitude> amplitudes = List.of(new Amplitude("0101", 0.25, -0.5),
        new Amplitude("0111", 0.125, 0.0), new Amplitude("1100", 1e-9, 3e-9));
    AmplitudeTable table = new AmplitudeTable(amplitudes, new long[] {4, 4, 17});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AmplitudesCsv.write(table, out);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("bitstring,real,imag,subspace\n"));

    AmplitudeTable back =
        AmplitudesCsv.readTable(new ByteArrayInputStream(out.toByteArray()), "sub.csv");
    assertEquals(table, back);
    assertArrayEquals(new long[] {4, 4, 17}, back.subspaces());
  }

  @Test
  void extraColumnsAreIgnoredAndSubspaceFoundByName() {
    AmplitudeTable table = AmplitudesCsv.readTable(stream(
        "bitstring,real,imag,note,subspace\r\n"
            + "011,0.5,-0.25,first,3\r\n"
            + "\r\n"
            + " 110 , 1e-3 , 2.5E-4 ,,9\r\n"), "x.csv");
    assertEquals(List.of(new Amplitude("011", 0.5, -0.25), new Amplitude("110", 1e-3, 2.5e-4)),
        table.amplitudes());
    assertArrayEquals(new long[] {3, 9}, table.subspaces());
    assertEquals(3, table.numQubits());

    assertFalse(AmplitudesCsv.readTable(stream("bitstring,real,imag,weight\n01,1,0,7\n"), "y")
        .hasSubspaces());
  }

  @Test
  void headerOnlyGivesNoRows() {
    assertTrue(read("bitstring,real,imag\n").isEmpty());
  }

  @Test
  void emptyFileIsAnErrorOfTheWholeFile() {
    InputException e = readError("");
    assertEquals(0, e.line());
    assertEquals("amps.csv", e.source());
  }

  @Test
  void missingOrWrongHeader() {
    InputException missing = readError("0101,0.5,0.5\n");
    assertEquals(1, missing.line());
    assertTrue(missing.getMessage().startsWith("amps.csv:1: header must start with"),
        missing.getMessage());
    assertEquals(1, readError("bitstring,imag,real\n01,1,0\n").line());
    assertEquals(1, readError("bitstring,real\n01,1\n").line());
  }

  @Test
  void wrongFieldCount() {
    InputException e = readError("bitstring,real,imag\n01,1,0\n10,1\n");
    assertEquals(3, e.line());
    assertTrue(e.problem().contains("2 fields"), e.problem());
    assertEquals(2, readError("bitstring,real,imag\n01,1,0,5\n").line());
  }

  @Test
  void badBitstrings() {
    InputException other = readError("bitstring,real,imag\n0121,1,0\n");
    assertEquals(2, other.line());
    assertTrue(other.problem().contains("'2' at position 2"), other.problem());
    InputException length = readError("bitstring,real,imag\n0101,1,0\n\n011,1,0\n");
    assertEquals(4, length.line());
    assertTrue(length.problem().contains("3 qubits"), length.problem());
    assertEquals(2, readError("bitstring,real,imag\n,1,0\n").line());
  }

  @Test
  void nonNumericValues() {
    InputException e = readError("bitstring,real,imag\n01,0.5,abc\n");
    assertEquals("amps.csv:2: imaginary part 'abc' is not a number", e.getMessage());
    assertEquals(2, readError("bitstring,real,imag\n01,,0\n").line());
    // Java-only spellings are not decimal numbers in a CSV file.
    assertEquals(2, readError("bitstring,real,imag\n01,1.0f,0\n").line());
    assertEquals(2, readError("bitstring,real,imag\n01,0x1p3,0\n").line());
  }

  @Test
  void nanAndInfiniteValues() {
    InputException nan = readError("bitstring,real,imag\n01,0.5,0\n10,NaN,0\n");
    assertEquals(3, nan.line());
    assertTrue(nan.problem().startsWith("NaN amplitude"), nan.problem());
    assertTrue(readError("bitstring,real,imag\n01,0,-Infinity\n").problem()
        .startsWith("infinite amplitude"));
    assertTrue(readError("bitstring,real,imag\n01,1e400,0\n").problem()
        .startsWith("infinite amplitude"));
  }

  @Test
  void badSubspaceId() {
    InputException e = assertThrows(InputException.class, () -> AmplitudesCsv.readTable(
        stream("bitstring,real,imag,subspace\n01,1,0,x\n"), "s.csv"));
    assertEquals(2, e.line());
  }

  @Test
  void decimalSyntax() {
    for (String ok : List.of("0", "-1", "+2.5", "1.", ".5", "1.0E-10", "-3.05e+7", "007")) {
      assertTrue(AmplitudesCsv.isDecimal(ok), ok);
    }
    for (String bad : List.of("", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "1d",
        "NaN", "Infinity", "\u0661")) {
      assertFalse(AmplitudesCsv.isDecimal(bad), bad);
    }
  }

  @Test
  void probabilityIsTheSquaredModulus() {
    assertEquals(0.25 + 0.0625, new Amplitude("1", 0.5, -0.25).probability(), 0.0);
  }
}
