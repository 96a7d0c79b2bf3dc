package io.canopy.results;

import io.canopy.circuits.InputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The amplitudes file: CSV with header {@code bitstring,real,imag}, one amplitude per line.
 *
 * <p>Numbers are written with {@link Double#toString}, the shortest decimal that reads back to the
 * same double, so a write/read round trip is exact. Columns after the first three are allowed on
 * read; one named {@code subspace} carries an integer id of the correlated subspace a row belongs
 * to (see {@link AmplitudeTable}), the others are ignored. Blank lines are skipped.
 *
 * <p>Bad input is an {@link InputException} naming the source, the line and the problem:
 * a missing or wrong header, a wrong field count, a bitstring that is not made of 0/1 or whose
 * length differs from the first row's, and a value that is not a finite decimal number.
 */
public final class AmplitudesCsv {
  public static final String HEADER = "bitstring,real,imag";
  public static final String SUBSPACE_COLUMN = "subspace";

  private static final String[] REQUIRED = {"bitstring", "real", "imag"};
  private static final Pattern SUBSPACE_ID = Pattern.compile("[+-]?\\d{1,18}");

  private AmplitudesCsv() {}

  /** Writes the amplitudes with the three-column header. The stream is flushed, not closed. */
  public static void write(List<Amplitude> amplitudes, OutputStream out) {
    write(new AmplitudeTable(amplitudes, null), out);
  }

  /**
   * Writes the table; when it carries subspace ids they go to a fourth column {@code subspace}.
   * The stream is flushed, not closed.
   */
  public static void write(AmplitudeTable table, OutputStream out) {
    try {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      w.write(table.hasSubspaces() ? HEADER + "," + SUBSPACE_COLUMN : HEADER);
      w.write('\n');
      long[] subspaces = table.hasSubspaces() ? table.subspaces() : null;
      List<Amplitude> rows = table.amplitudes();
      for (int i = 0; i < rows.size(); i++) {
        Amplitude a = rows.get(i);
        w.write(a.bitstring());
        w.write(',');
        w.write(Double.toString(a.re()));
        w.write(',');
        w.write(Double.toString(a.im()));
        if (subspaces != null) {
          w.write(',');
          w.write(Long.toString(subspaces[i]));
        }
        w.write('\n');
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the amplitudes, ignoring any columns after the first three. */
  public static List<Amplitude> read(InputStream in, String sourceName) {
    return readTable(in, sourceName).amplitudes();
  }

  /** Reads the amplitudes and, when present, the {@code subspace} column. */
  public static AmplitudeTable readTable(InputStream in, String sourceName) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      return new Parser(sourceName).parse(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(sourceName + ": " + e.getMessage(), e);
    }
  }

  /**
   * Plain decimal numbers as Double.toString and other writers print them:
   * [+-] digits [. digits] [(e|E) [+-] digits], at least one mantissa digit; no hex, no
   * suffix. A hand scan, as this runs for every value of files of millions of rows.
   */
  static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
    int digits = 0;
    while (i < n && isAsciiDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isAsciiDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) return false;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      int exponentDigits = 0;
      while (i < n && isAsciiDigit(s.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) return false;
    }
    return i == n;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The state of one read: where it is and what the header and the first row fixed. */
  private static final class Parser {
    private final String source;
    private int lineNo;
    private int numFields;
    private int subspaceColumn = -1;
    private int numQubits = -1;

    Parser(String source) {
      this.source = source;
    }

    AmplitudeTable parse(BufferedReader reader) throws IOException {
      String line = nextNonBlank(reader);
      if (line == null) throw error(0, "empty file, expected the header " + HEADER);
      parseHeader(line);
      List<Amplitude> rows = new ArrayList<>();
      long[] ids = new long[subspaceColumn >= 0 ? 1024 : 0];
      while ((line = nextNonBlank(reader)) != null) {
        String[] fields = fields(line);
        if (fields.length != numFields) {
          throw error(lineNo, fields.length + " fields, the header has " + numFields);
        }
        rows.add(new Amplitude(bitstring(fields[0]), number(fields[1], "real part"),
            number(fields[2], "imaginary part")));
        if (subspaceColumn >= 0) {
          if (rows.size() > ids.length) ids = Arrays.copyOf(ids, 2 * ids.length);
          ids[rows.size() - 1] = subspaceId(fields[subspaceColumn]);
        }
      }
      long[] subspaces = subspaceColumn >= 0 ? Arrays.copyOf(ids, rows.size()) : null;
      return new AmplitudeTable(rows, subspaces);
    }

    private String nextNonBlank(BufferedReader reader) throws IOException {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (!line.isBlank()) return line;
      }
      return null;
    }

    private void parseHeader(String line) {
      String[] names = fields(line);
      for (int i = 0; i < REQUIRED.length; i++) {
        if (names.length <= i || !names[i].equals(REQUIRED[i])) {
          throw error(lineNo,
              "header must start with " + HEADER + ", found '" + line.strip() + "'");
        }
      }
      for (int i = REQUIRED.length; i < names.length; i++) {
        if (names[i].equals(SUBSPACE_COLUMN)) {
          if (subspaceColumn >= 0) throw error(lineNo, "two " + SUBSPACE_COLUMN + " columns");
          subspaceColumn = i;
        }
      }
      numFields = names.length;
    }

    private String bitstring(String field) {
      if (field.isEmpty()) throw error(lineNo, "empty bitstring");
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (c != '0' && c != '1') {
          throw error(lineNo, "bitstring '" + field + "' has '" + c + "' at position " + i
              + "; only 0 and 1 are allowed");
        }
      }
      if (numQubits < 0) {
        numQubits = field.length();
      } else if (field.length() != numQubits) {
        throw error(lineNo, "bitstring of " + field.length() + " qubits, earlier rows have "
            + numQubits);
      }
      return field;
    }

    private double number(String field, String what) {
      if (field.equalsIgnoreCase("nan") || field.equalsIgnoreCase("+nan")
          || field.equalsIgnoreCase("-nan")) {
        throw error(lineNo, "NaN amplitude (" + what + ")");
      }
      if (!isDecimal(field)) {
        if (field.toLowerCase().contains("inf")) {
          throw error(lineNo, "infinite amplitude (" + what + ")");
        }
        throw error(lineNo, what + " '" + field + "' is not a number");
      }
      double value = Double.parseDouble(field);
      if (Double.isInfinite(value)) {
        throw error(lineNo, "infinite amplitude (" + what + " " + field + " overflows a double)");
      }
      return value;
    }

    private long subspaceId(String field) {
      if (!SUBSPACE_ID.matcher(field).matches()) {
        throw error(lineNo, SUBSPACE_COLUMN + " '" + field + "' is not an integer id");
      }
      return Long.parseLong(field);
    }

    private static String[] fields(String line) {
      String[] parts = line.split(",", -1);
      for (int i = 0; i < parts.length; i++) parts[i] = parts[i].strip();
      return parts;
    }

    private InputException error(int line, String problem) {
      return new InputException(source, line, problem);
    }
  }
}
