package io.canopy.circuits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bitstrings of measurement outcomes: character i is qubit i (the qubit numbering of the circuit
 * file, as in qsim), each character '0' or '1'.
 */
public final class Bitstrings {
  private Bitstrings() {}

  /** Reads one bitstring a line, ignoring blank lines and surrounding blanks. */
  public static List<String> read(Path file, int numQubits) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), in, numQubits);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads one bitstring a line from any source (a local file, HDFS, a resource), ignoring blank
   * lines and surrounding blanks; errors name {@code sourceName} and the line.
   */
  public static List<String> parse(String sourceName, Reader reader, int numQubits) throws IOException {
    List<String> out = new ArrayList<>();
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty()) continue;
      String problem = problem(s, numQubits);
      if (problem != null) throw new InputException(sourceName, lineNo, problem);
      out.add(s);
    }
    if (out.isEmpty()) throw new InputException(sourceName, 0, "no bitstrings");
    return out;
  }

  /**
   * Checks one bitstring.
   *
   * @return the bitstring
   * @throws IllegalArgumentException naming the problem
   */
  public static String validate(String bitstring, int numQubits) {
    String problem = problem(bitstring, numQubits);
    if (problem != null) throw new IllegalArgumentException(problem);
    return bitstring;
  }

  /** {@code count} uniformly random bitstrings, the same for the same seed. */
  public static List<String> random(int numQubits, int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(count);
    char[] bits = new char[numQubits];
    for (int k = 0; k < count; k++) {
      for (int i = 0; i < numQubits; i++) bits[i] = rng.nextBoolean() ? '1' : '0';
      out.add(new String(bits));
    }
    return out;
  }

  /** The qubit value (0 or 1) of qubit q in a valid bitstring. */
  public static int bit(String bitstring, int q) {
    return bitstring.charAt(q) - '0';
  }

  private static String problem(String s, int numQubits) {
    if (s.length() != numQubits) {
      return "bitstring '" + abbreviate(s) + "' has " + s.length() + " characters, expected "
          + numQubits;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '0' && c != '1') {
        return "bitstring has '" + c + "' at position " + i + "; only 0 and 1 are allowed";
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
