package io.canopy.circuits.qasm;

import io.canopy.circuits.InputException;
import java.util.List;

/** A cursor over the tokens of one OpenQASM source (or one gate body), with error reporting. */
final class QasmParser {
  private final String source;
  private final List<QasmLexer.Token> tokens;
  private int pos;

  QasmParser(String source, List<QasmLexer.Token> tokens) {
    this.source = source;
    this.tokens = tokens;
  }

  QasmLexer.Token peek() { return tokens.get(pos); }

  QasmLexer.Token next() {
    QasmLexer.Token t = tokens.get(pos);
    if (t.kind() != QasmLexer.Kind.END) pos++;
    return t;
  }

  boolean atEnd() { return peek().kind() == QasmLexer.Kind.END; }

  QasmLexer.Token expect(String symbol) {
    QasmLexer.Token t = next();
    if (!t.is(symbol)) throw error(t.line(), "expected '" + symbol + "', found " + t);
    return t;
  }

  String identifier() {
    QasmLexer.Token t = next();
    if (t.kind() != QasmLexer.Kind.IDENTIFIER) {
      throw error(t.line(), "expected a name, found " + t);
    }
    return t.text();
  }

  int nonNegativeInteger() {
    QasmLexer.Token t = next();
    if (t.kind() != QasmLexer.Kind.NUMBER || !t.text().matches("\\d{1,9}")) {
      throw error(t.line(), "expected a non-negative integer, found " + t);
    }
    return Integer.parseInt(t.text());
  }

  String source() { return source; }

  InputException error(int line, String problem) {
    return new InputException(source, line, problem);
  }
}
