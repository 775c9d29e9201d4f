package io.nauta.api.labels;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a label selector string into tokens the way Kubernetes' selector lexer does: whitespace
 * separates tokens; {@code = ! ( ) , > <} are symbols (with {@code ==} and {@code !=} taken
 * greedily); every other run of characters is an identifier, or the keyword {@code in}/{@code
 * notin}.
 */
final class SelectorLexer {

  /** The kinds of token. */
  enum Kind {
    END_OF_STRING,
    CLOSED_PAR,
    COMMA,
    DOES_NOT_EXIST,
    DOUBLE_EQUALS,
    EQUALS,
    GREATER_THAN,
    IDENTIFIER,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    OPEN_PAR
  }

  /** A token and the text it was read from (empty for the end of the string). */
  record Token(Kind kind, String literal) {}

  private SelectorLexer() {}

  /** All tokens of {@code s}, always ending with exactly one {@link Kind#END_OF_STRING}. */
  static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>();
    int pos = 0;
    int n = s.length();
    while (true) {
      while (pos < n && isWhitespace(s.charAt(pos))) {
        pos++;
      }
      if (pos >= n) {
        tokens.add(new Token(Kind.END_OF_STRING, ""));
        return tokens;
      }
      char c = s.charAt(pos);
      if (isSymbol(c)) {
        char next = pos + 1 < n ? s.charAt(pos + 1) : 0;
        if (c == '!' && next == '=') {
          tokens.add(new Token(Kind.NOT_EQUALS, "!="));
          pos += 2;
        } else if (c == '=' && next == '=') {
          tokens.add(new Token(Kind.DOUBLE_EQUALS, "=="));
          pos += 2;
        } else {
          tokens.add(new Token(symbolKind(c), String.valueOf(c)));
          pos++;
        }
      } else {
        int start = pos;
        while (pos < n && !isWhitespace(s.charAt(pos)) && !isSymbol(s.charAt(pos))) {
          pos++;
        }
        String word = s.substring(start, pos);
        Kind kind =
            switch (word) {
              case "in" -> Kind.IN;
              case "notin" -> Kind.NOT_IN;
              default -> Kind.IDENTIFIER;
            };
        tokens.add(new Token(kind, word));
      }
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSymbol(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }

  private static Kind symbolKind(char c) {
    return switch (c) {
      case '=' -> Kind.EQUALS;
      case '!' -> Kind.DOES_NOT_EXIST;
      case '(' -> Kind.OPEN_PAR;
      case ')' -> Kind.CLOSED_PAR;
      case ',' -> Kind.COMMA;
      case '>' -> Kind.GREATER_THAN;
      default -> Kind.LESS_THAN;
    };
  }
}
