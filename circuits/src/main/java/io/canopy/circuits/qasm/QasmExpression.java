package io.canopy.circuits.qasm;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Parameter expressions of OpenQASM 2.0: numbers, pi, gate parameters, + - * / ^ (power, right
 * associative), unary minus, parentheses and sin, cos, tan, exp, ln, sqrt. Evaluated while parsed.
 */
final class QasmExpression {
  private static final Map<String, DoubleUnaryOperator> FUNCTIONS = Map.of(
      "sin", Math::sin, "cos", Math::cos, "tan", Math::tan, "exp", Math::exp, "ln", Math::log,
      "sqrt", Math::sqrt);

  private final QasmParser p;
  private final Map<String, Double> variables;

  private QasmExpression(QasmParser p, Map<String, Double> variables) {
    this.p = p;
    this.variables = variables;
  }

  /** Parses and evaluates one expression at the parser's position. */
  static double evaluate(QasmParser p, Map<String, Double> variables) {
    int line = p.peek().line();
    double v = new QasmExpression(p, variables).sum();
    if (!Double.isFinite(v)) throw p.error(line, "parameter expression is not a finite number");
    return v;
  }

  private double sum() {
    double v = product();
    while (p.peek().is("+") || p.peek().is("-")) {
      v = p.next().is("+") ? v + product() : v - product();
    }
    return v;
  }

  private double product() {
    double v = unary();
    while (p.peek().is("*") || p.peek().is("/")) {
      v = p.next().is("*") ? v * unary() : v / unary();
    }
    return v;
  }

  private double unary() {
    if (p.peek().is("-")) {
      p.next();
      return -unary();
    }
    if (p.peek().is("+")) {
      p.next();
      return unary();
    }
    return power();
  }

  private double power() {
    double base = atom();
    if (p.peek().is("^")) {
      p.next();
      return Math.pow(base, unary());
    }
    return base;
  }

  private double atom() {
    QasmLexer.Token t = p.next();
    if (t.kind() == QasmLexer.Kind.NUMBER) {
      try {
        return Double.parseDouble(t.text());
      } catch (NumberFormatException e) {
        throw p.error(t.line(), "bad number " + t);
      }
    }
    if (t.is("(")) {
      double v = sum();
      p.expect(")");
      return v;
    }
    if (t.kind() == QasmLexer.Kind.IDENTIFIER) {
      if (t.text().equals("pi")) return Math.PI;
      if (FUNCTIONS.containsKey(t.text())) {
        p.expect("(");
        double v = sum();
        p.expect(")");
        return FUNCTIONS.get(t.text()).applyAsDouble(v);
      }
      Double v = variables.get(t.text());
      if (v != null) return v;
      throw p.error(t.line(), "unknown parameter '" + t.text() + "'");
    }
    throw p.error(t.line(), "expected a number or parameter expression, found " + t);
  }
}
