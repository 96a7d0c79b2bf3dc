package io.canopy.circuits.qasm;

import io.canopy.circuits.InputException;
import java.util.ArrayList;
import java.util.List;

/** Splits OpenQASM 2.0 text into tokens, dropping blanks and // comments, keeping line numbers. */
final class QasmLexer {
  enum Kind { IDENTIFIER, NUMBER, STRING, SYMBOL, END }

  record Token(Kind kind, String text, int line) {
    boolean is(String s) { return kind != Kind.STRING && text.equals(s); }

    @Override public String toString() { return kind == Kind.END ? "end of file" : "'" + text + "'"; }
  }

  private QasmLexer() {}

  static List<Token> tokens(String source, String text) {
    List<Token> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        while (i < n && text.charAt(i) != '\n') i++;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
        out.add(new Token(Kind.IDENTIFIER, text.substring(i, j), line));
        i = j;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
        int j = i;
        while (j < n && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) j++;
        if (j < n && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
          int k = j + 1;
          if (k < n && (text.charAt(k) == '+' || text.charAt(k) == '-')) k++;
          if (k < n && Character.isDigit(text.charAt(k))) {
            j = k;
            while (j < n && Character.isDigit(text.charAt(j))) j++;
          }
        }
        out.add(new Token(Kind.NUMBER, text.substring(i, j), line));
        i = j;
      } else if (c == '"') {
        int j = text.indexOf('"', i + 1);
        if (j < 0 || text.substring(i, j).contains("\n")) {
          throw new InputException(source, line, "unterminated string");
        }
        out.add(new Token(Kind.STRING, text.substring(i + 1, j), line));
        i = j + 1;
      } else if (text.startsWith("->", i) || text.startsWith("==", i)) {
        out.add(new Token(Kind.SYMBOL, text.substring(i, i + 2), line));
        i += 2;
      } else if (";,()[]{}+-*/^".indexOf(c) >= 0) {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
        i++;
      } else {
        throw new InputException(source, line, "unexpected character '" + c + "'");
      }
    }
    out.add(new Token(Kind.END, "", line));
    return out;
  }
}
