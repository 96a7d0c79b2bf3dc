package io.canopy.circuits.qsim;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.GateType;
import io.canopy.circuits.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Google's qsim circuit text format: the qubit count on the first line, then one gate a line,
 * {@code time name qubits... params...}. Gates keep the order of the file.
 *
 * <p>More lenient than qsim in layout only: trailing and repeated blanks, blank lines and CRLF line
 * ends are accepted (the public Sycamore files have trailing spaces). Everything else that qsim
 * would misread or reject is an {@link InputException} naming file and line. Controlled gates
 * ({@code c ...}) and measurements ({@code m ...}) are rejected: the tensor-network simulation
 * computes amplitudes of unitary circuits only.
 */
public final class QsimReader {
  /** A plain decimal number, as qsim files write them (no hex, no NaN, no suffixes). */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NON_NEGATIVE_INT = Pattern.compile("\\d{1,9}");
  private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \\t]+");

  private QsimReader() {}

  public static Circuit read(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Circuit parse(String sourceName, Reader reader) {
    try {
      return new Parse(sourceName).run(new BufferedReader(reader));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
    }
  }

  /** The state of one parse: where we are, and which qubits each time step already uses. */
  private static final class Parse {
    private final String source;
    private final Map<Long, Integer> lineOfUse = new HashMap<>();
    private int lineNo;
    private int numQubits;

    Parse(String source) { this.source = source; }

    Circuit run(BufferedReader in) throws IOException {
      String line;
      List<Gate> gates = new ArrayList<>();
      while ((line = in.readLine()) != null) {
        lineNo++;
        String text = line.strip();
        if (text.isEmpty()) continue;
        if (numQubits == 0) {
          numQubits = parseQubitCount(text);
        } else {
          gates.add(parseGate(FIELD_SEPARATOR.split(text)));
        }
      }
      if (numQubits == 0) throw new InputException(source, 0, "empty file: no qubit count");
      return new Circuit(numQubits, gates);
    }

    private int parseQubitCount(String text) {
      if (!NON_NEGATIVE_INT.matcher(text).matches() || Integer.parseInt(text) < 1) {
        throw error("first line must be the number of qubits (a positive integer), found '"
            + text + "'");
      }
      return Integer.parseInt(text);
    }

    private Gate parseGate(String[] f) {
      int time = parseTime(f[0]);
      if (f.length < 2) throw error("missing gate name after time " + time);
      String name = f[1];
      if (name.equals("c")) throw error("controlled gates ('c') are not supported");
      if (name.equals("m")) throw error("measurements ('m') are not supported");
      GateType type = GateType.byName(name)
          .orElseThrow(() -> error("unknown gate '" + name + "'"));
      int values = f.length - 2;
      if (values != type.numQubits() + type.numParams()) {
        throw error("gate " + name + " takes " + type.numQubits() + " qubit(s) and "
            + type.numParams() + " parameter(s), found " + values + " value(s)");
      }
      int[] qubits = new int[type.numQubits()];
      for (int i = 0; i < qubits.length; i++) {
        qubits[i] = parseQubit(f[2 + i], name);
        for (int j = 0; j < i; j++) {
          if (qubits[j] == qubits[i]) throw error("gate " + name + " repeats qubit " + qubits[i]);
        }
      }
      for (int q : qubits) claim(time, q);
      double[] params = new double[type.numParams()];
      for (int i = 0; i < params.length; i++) params[i] = parseParam(f[2 + qubits.length + i]);
      return type.create(time, qubits, params);
    }

    private int parseTime(String s) {
      if (s.startsWith("-") && NON_NEGATIVE_INT.matcher(s.substring(1)).matches()) {
        throw error("negative time " + s);
      }
      if (!NON_NEGATIVE_INT.matcher(s).matches()) {
        throw error("time must be a non-negative integer, found '" + s + "'");
      }
      return Integer.parseInt(s);
    }

    private int parseQubit(String s, String gate) {
      if (!NON_NEGATIVE_INT.matcher(s).matches()) {
        throw error("qubit of gate " + gate + " must be a non-negative integer, found '" + s + "'");
      }
      int q = Integer.parseInt(s);
      if (q >= numQubits) {
        throw error("qubit " + q + " out of range 0.." + (numQubits - 1));
      }
      return q;
    }

    /** Records that qubit q acts at this time; a qubit may take part in one gate per time step. */
    private void claim(int time, int q) {
      Integer earlier = lineOfUse.putIfAbsent((long) time * numQubits + q, lineNo);
      if (earlier != null) {
        throw error("qubit " + q + " is already used at time " + time + " (line " + earlier + ")");
      }
    }

    private double parseParam(String s) {
      if (!NUMBER.matcher(s).matches()) {
        throw error("parameter must be a finite decimal number, found '" + s + "'");
      }
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) throw error("parameter " + s + " is not finite");
      return v;
    }

    private InputException error(String problem) {
      return new InputException(source, lineNo, problem);
    }
  }
}
