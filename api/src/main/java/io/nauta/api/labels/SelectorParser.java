package io.nauta.api.labels;

import io.nauta.api.labels.SelectorLexer.Kind;
import io.nauta.api.labels.SelectorLexer.Token;
import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import io.nauta.api.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Recursive-descent parser for the label selector grammar, following Kubernetes' parser step by
 * step so that the same strings are accepted and the same errors reported:
 *
 * <pre>
 * selector    ::= "" | requirement ("," requirement)*
 * requirement ::= ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
 * </pre>
 *
 * <p>{@code in} and {@code notin} are keywords only where an operator is expected; elsewhere they
 * are ordinary identifiers. Missing values read as the empty string ({@code a=}, {@code a in ()}).
 */
final class SelectorParser {
  private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

  private final String input;
  private final List<Token> tokens;
  private int position;

  private SelectorParser(String input) {
    this.input = input;
    this.tokens = SelectorLexer.tokenize(input);
  }

  /** The requirements of {@code input} in the order written. */
  static List<Requirement> parse(String input) {
    return new SelectorParser(input).parseAll();
  }

  private List<Requirement> parseAll() {
    List<Requirement> requirements = new ArrayList<>();
    while (true) {
      Token t = lookahead(true);
      switch (t.kind()) {
        case IDENTIFIER, DOES_NOT_EXIST -> {
          requirements.add(parseRequirementWrapped());
          Token after = consume(true);
          if (after.kind() == Kind.END_OF_STRING) {
            return requirements;
          }
          if (after.kind() != Kind.COMMA) {
            throw error("found '" + after.literal() + "', expected: ',' or 'end of string'");
          }
          Token next = lookahead(true);
          if (next.kind() != Kind.IDENTIFIER && next.kind() != Kind.DOES_NOT_EXIST) {
            throw error("found '" + next.literal() + "', expected: identifier after ','");
          }
        }
        case END_OF_STRING -> {
          return requirements;
        }
        default ->
            throw error("found '" + t.literal() + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

  private Requirement parseRequirementWrapped() {
    try {
      return parseRequirement();
    } catch (SelectorParseException e) {
      throw error("unable to parse requirement: " + e.getMessage());
    }
  }

  private Requirement parseRequirement() {
    Operator inferred = null;
    Token t = consume(true);
    if (t.kind() == Kind.DOES_NOT_EXIST) {
      inferred = Operator.DOES_NOT_EXIST;
      t = consume(true);
    }
    if (t.kind() != Kind.IDENTIFIER) {
      throw error("found '" + t.literal() + "', expected: identifier");
    }
    String key = t.literal();
    FieldError keyErr = Requirement.keyProblem(key);
    if (keyErr != null) {
      throw error(keyErr.message());
    }
    Kind next = lookahead(true).kind();
    if ((next == Kind.END_OF_STRING || next == Kind.COMMA) && inferred == null) {
      inferred = Operator.EXISTS;
    }
    if (inferred != null) {
      // "!a" followed by anything but ',' or the end is left for the caller to reject.
      return new Requirement(key, inferred, List.of());
    }
    Operator op = parseOperator();
    List<String> values =
        (op == Operator.IN || op == Operator.NOT_IN) ? parseValueSet() : parseExactValue();
    return new Requirement(key, op, values);
  }

  private Operator parseOperator() {
    Token t = consume(false);
    return switch (t.kind()) {
      case IN -> Operator.IN;
      case NOT_IN -> Operator.NOT_IN;
      case EQUALS -> Operator.EQUALS;
      case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
      case NOT_EQUALS -> Operator.NOT_EQUALS;
      case GREATER_THAN -> Operator.GREATER_THAN;
      case LESS_THAN -> Operator.LESS_THAN;
      default -> throw error("found '" + t.literal() + "', expected: " + BINARY_OPERATORS);
    };
  }

  /** {@code "(" [VALUE] ("," [VALUE])* ")"}, as a sorted set; empty slots are {@code ""}. */
  private List<String> parseValueSet() {
    Token open = consume(true);
    if (open.kind() != Kind.OPEN_PAR) {
      throw error("found '" + open.literal() + "' expected: '('");
    }
    Token first = lookahead(true);
    TreeSet<String> values = new TreeSet<>();
    switch (first.kind()) {
      case CLOSED_PAR -> {
        consume(true);
        values.add("");
        return List.copyOf(values);
      }
      case IDENTIFIER, COMMA -> {
        while (true) {
          Token t = consume(true);
          if (t.kind() == Kind.IDENTIFIER) {
            values.add(t.literal());
            Token after = lookahead(true);
            if (after.kind() == Kind.CLOSED_PAR) {
              consume(true);
              return List.copyOf(values);
            }
            if (after.kind() != Kind.COMMA) {
              throw error("found '" + after.literal() + "', expected: ',' or ')'");
            }
          } else if (t.kind() == Kind.COMMA) {
            Kind after = lookahead(true).kind();
            if (values.isEmpty() || after == Kind.COMMA || after == Kind.CLOSED_PAR) {
              values.add(""); // "(,", ",," and ",)" each stand for an empty value
            }
            if (after == Kind.CLOSED_PAR) {
              consume(true);
              return List.copyOf(values);
            }
          } else {
            throw error("found '" + t.literal() + "', expected: ',', or identifier");
          }
        }
      }
      default -> throw error("found '" + first.literal() + "', expected: ',', ')' or identifier");
    }
  }

  private List<String> parseExactValue() {
    Kind next = lookahead(true).kind();
    if (next == Kind.END_OF_STRING || next == Kind.COMMA) {
      return List.of("");
    }
    Token t = consume(true);
    if (t.kind() != Kind.IDENTIFIER) {
      throw error("found '" + t.literal() + "', expected: identifier");
    }
    return List.of(t.literal());
  }

  /** The next token; in value position the keywords {@code in}/{@code notin} are identifiers. */
  private Token lookahead(boolean valueContext) {
    Token t = tokens.get(Math.min(position, tokens.size() - 1));
    if (valueContext && (t.kind() == Kind.IN || t.kind() == Kind.NOT_IN)) {
      return new Token(Kind.IDENTIFIER, t.literal());
    }
    return t;
  }

  private Token consume(boolean valueContext) {
    Token t = lookahead(valueContext);
    if (position < tokens.size() - 1) {
      position++;
    }
    return t;
  }

  private SelectorParseException error(String message) {
    return new SelectorParseException(input, message);
  }
}
