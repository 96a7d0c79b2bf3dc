package io.canopy.circuits.qasm;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.InputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenQASM 2.0 into a {@link Circuit} of qsim gates: qreg declarations (all registers form
 * one qubit numbering, in declaration order), the built-in U and CX, the gates of qelib1.inc (see
 * {@link Qelib1} for their exact meaning), user gate definitions, register broadcasting
 * ({@code h q;}, {@code cx a, b;}), {@code barrier} (ignored) and final {@code measure} (ignored for
 * amplitudes). {@code reset}, {@code if}, {@code opaque} and gates after a measurement are
 * rejected. Every error is an {@link InputException} naming file and line.
 */
public final class QasmReader {
  private QasmReader() {}

  public static Circuit read(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Circuit parse(String sourceName, Reader reader) {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    try {
      for (int n; (n = reader.read(buf)) > 0; ) sb.append(buf, 0, n);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
    }
    return parse(sourceName, sb.toString());
  }

  private static Circuit parse(String source, String text) {
    return new Program(new QasmParser(source, QasmLexer.tokens(source, text))).read();
  }

  /** A user-defined gate: parameter names, argument names and the tokens of its body. */
  private record UserGate(List<String> params, List<String> args, List<QasmLexer.Token> body) {}

  /** One pass over a program: declarations first collected, gates expanded as they come. */
  private static final class Program {
    private final QasmParser p;
    private final Map<String, int[]> qregs = new LinkedHashMap<>();
    private final Map<String, Integer> cregs = new HashMap<>();
    private final Map<String, UserGate> userGates = new HashMap<>();
    private final List<Statement> statements = new ArrayList<>();
    private boolean qelib1;
    private int numQubits;

    Program(QasmParser p) { this.p = p; }

    /** A gate or measurement of the program body, kept until all qregs are known. */
    private interface Statement {
      void run(CircuitAssembler out);
    }

    Circuit read() {
      header();
      while (!p.atEnd()) statement();
      if (numQubits == 0) throw p.error(0, "no qreg declared");
      CircuitAssembler out = new CircuitAssembler(p.source(), numQubits);
      for (Statement s : statements) s.run(out);
      return out.build();
    }

    private void header() {
      QasmLexer.Token t = p.next();
      if (!t.is("OPENQASM")) {
        throw p.error(t.line(), "expected 'OPENQASM 2.0;' first, found " + t);
      }
      QasmLexer.Token v = p.next();
      if (!v.text().equals("2.0") && !v.text().equals("2")) {
        throw p.error(v.line(), "only OpenQASM 2.0 is supported, found version " + v);
      }
      p.expect(";");
    }

    private void statement() {
      QasmLexer.Token t = p.next();
      int line = t.line();
      if (t.kind() != QasmLexer.Kind.IDENTIFIER) throw p.error(line, "unexpected " + t);
      switch (t.text()) {
        case "include" -> include(line);
        case "qreg" -> register(true);
        case "creg" -> register(false);
        case "gate" -> gateDefinition(line);
        case "measure" -> measure(line);
        case "barrier" -> {
          arguments(line);
          p.expect(";");
        }
        case "opaque", "reset", "if" ->
            throw p.error(line, "'" + t.text() + "' is not supported");
        default -> call(t.text(), line);
      }
    }

    private void include(int line) {
      QasmLexer.Token f = p.next();
      if (f.kind() != QasmLexer.Kind.STRING) throw p.error(line, "expected a file name in quotes");
      if (!f.text().equals("qelib1.inc")) {
        throw p.error(line, "cannot include \"" + f.text() + "\"; only qelib1.inc is known");
      }
      p.expect(";");
      qelib1 = true;
    }

    private void register(boolean quantum) {
      int line = p.peek().line();
      String name = p.identifier();
      p.expect("[");
      int size = p.nonNegativeInteger();
      p.expect("]");
      p.expect(";");
      if (qregs.containsKey(name) || cregs.containsKey(name)) {
        throw p.error(line, "register '" + name + "' declared twice");
      }
      if (size == 0) throw p.error(line, "register '" + name + "' has size 0");
      if (!quantum) {
        cregs.put(name, size);
        return;
      }
      int[] qubits = new int[size];
      for (int i = 0; i < size; i++) qubits[i] = numQubits + i;
      numQubits += size;
      qregs.put(name, qubits);
    }

    private void gateDefinition(int line) {
      String name = p.identifier();
      if (definitionOf(name) != null || userGates.containsKey(name)) {
        throw p.error(line, "gate '" + name + "' is already defined");
      }
      List<String> params = new ArrayList<>();
      if (p.peek().is("(")) {
        p.next();
        if (!p.peek().is(")")) {
          params.add(p.identifier());
          while (p.peek().is(",")) {
            p.next();
            params.add(p.identifier());
          }
        }
        p.expect(")");
      }
      List<String> args = new ArrayList<>();
      args.add(p.identifier());
      while (p.peek().is(",")) {
        p.next();
        args.add(p.identifier());
      }
      p.expect("{");
      List<QasmLexer.Token> body = new ArrayList<>();
      while (!p.peek().is("}")) {
        if (p.atEnd()) throw p.error(line, "gate '" + name + "' has no closing '}'");
        body.add(p.next());
      }
      p.next();
      body.add(new QasmLexer.Token(QasmLexer.Kind.END, "", p.peek().line()));
      userGates.put(name, new UserGate(params, args, body));
    }

    private void measure(int line) {
      List<int[]> from = arguments(line);
      p.expect("->");
      String creg = p.identifier();
      if (!cregs.containsKey(creg)) throw p.error(line, "unknown classical register '" + creg + "'");
      if (p.peek().is("[")) {
        p.next();
        int i = p.nonNegativeInteger();
        p.expect("]");
        if (i >= cregs.get(creg)) {
          throw p.error(line, "index " + i + " out of range for " + creg + "[" + cregs.get(creg) + "]");
        }
      }
      p.expect(";");
      statements.add(out -> {
        for (int[] reg : from) for (int q : reg) out.measure(q);
      });
    }

    /** A gate application in the program body, broadcast over registers. */
    private void call(String name, int line) {
      List<Double> params = new ArrayList<>();
      if (p.peek().is("(")) {
        p.next();
        if (!p.peek().is(")")) {
          params.add(QasmExpression.evaluate(p, Map.of()));
          while (p.peek().is(",")) {
            p.next();
            params.add(QasmExpression.evaluate(p, Map.of()));
          }
        }
        p.expect(")");
      }
      List<int[]> args = arguments(line);
      p.expect(";");
      int width = 1;
      for (int[] a : args) {
        if (a.length > 1) {
          if (width > 1 && a.length != width) {
            throw p.error(line, "registers of different sizes in one gate: " + width + " and "
                + a.length);
          }
          width = a.length;
        }
      }
      double[] values = params.stream().mapToDouble(Double::doubleValue).toArray();
      for (int k = 0; k < width; k++) {
        int[] qubits = new int[args.size()];
        for (int j = 0; j < qubits.length; j++) {
          qubits[j] = args.get(j).length == 1 ? args.get(j)[0] : args.get(j)[k];
        }
        statements.add(out -> apply(name, values, qubits, line, out));
      }
    }

    /** Comma-separated arguments: each a whole register or one qubit {@code reg[i]}. */
    private List<int[]> arguments(int line) {
      List<int[]> out = new ArrayList<>();
      do {
        if (!out.isEmpty()) p.next();
        String reg = p.identifier();
        int[] qubits = qregs.get(reg);
        if (qubits == null) throw p.error(line, "unknown quantum register '" + reg + "'");
        if (p.peek().is("[")) {
          p.next();
          int i = p.nonNegativeInteger();
          p.expect("]");
          if (i >= qubits.length) {
            throw p.error(line, "index " + i + " out of range for " + reg + "[" + qubits.length + "]");
          }
          out.add(new int[] {qubits[i]});
        } else {
          out.add(qubits);
        }
      } while (p.peek().is(","));
      return out;
    }

    private Qelib1.Definition definitionOf(String name) {
      Qelib1.Definition d = Qelib1.BUILT_IN.get(name);
      if (d == null && qelib1) d = Qelib1.LIBRARY.get(name);
      return d;
    }

    private void apply(String name, double[] params, int[] qubits, int line, CircuitAssembler out) {
      for (int i = 0; i < qubits.length; i++) {
        for (int j = 0; j < i; j++) {
          if (qubits[i] == qubits[j]) {
            throw p.error(line, "gate " + name + " uses qubit " + qubits[i] + " twice");
          }
        }
      }
      Qelib1.Definition d = definitionOf(name);
      UserGate user = userGates.get(name);
      int wantParams = d != null ? d.numParams() : user != null ? user.params().size() : -1;
      int wantQubits = d != null ? d.numQubits() : user != null ? user.args().size() : -1;
      if (wantParams < 0) {
        throw p.error(line, "unknown gate '" + name + "'"
            + (qelib1 || !Qelib1.LIBRARY.containsKey(name) ? "" : " (missing include \"qelib1.inc\"?)"));
      }
      if (params.length != wantParams || qubits.length != wantQubits) {
        throw p.error(line, "gate " + name + " takes " + wantParams + " parameter(s) and "
            + wantQubits + " qubit(s), found " + params.length + " and " + qubits.length);
      }
      out.atLine(line);
      if (d != null) {
        d.expansion().expand(params, qubits, out);
      } else {
        expand(user, params, qubits, line, out);
      }
    }

    /** Runs a user gate's body with its parameters and arguments bound. */
    private void expand(UserGate g, double[] params, int[] qubits, int line, CircuitAssembler out) {
      Map<String, Double> env = new HashMap<>();
      for (int i = 0; i < params.length; i++) env.put(g.params().get(i), params[i]);
      QasmParser body = new QasmParser(p.source(), g.body());
      while (!body.atEnd()) {
        QasmLexer.Token t = body.next();
        String name = t.text();
        List<Double> values = new ArrayList<>();
        if (body.peek().is("(")) {
          body.next();
          if (!body.peek().is(")")) {
            values.add(QasmExpression.evaluate(body, env));
            while (body.peek().is(",")) {
              body.next();
              values.add(QasmExpression.evaluate(body, env));
            }
          }
          body.expect(")");
        }
        List<Integer> targets = new ArrayList<>();
        do {
          if (!targets.isEmpty()) body.next();
          String arg = body.identifier();
          int k = g.args().indexOf(arg);
          if (k < 0) throw body.error(t.line(), "unknown gate argument '" + arg + "'");
          targets.add(qubits[k]);
        } while (body.peek().is(","));
        body.expect(";");
        if (name.equals("barrier")) continue;
        apply(name, values.stream().mapToDouble(Double::doubleValue).toArray(),
            targets.stream().mapToInt(Integer::intValue).toArray(), t.line(), out);
        out.atLine(line);
      }
    }
  }
}
