package io.nauta.node.env;

import java.util.Map;
import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} expansion: {@code $(NAME)} becomes the variable's value when it is
 * defined and stays as written when not; {@code $$} is an escaped {@code $}; any other {@code $}
 * (including one starting an unterminated {@code $(}) is kept as it is. Pure.
 */
public final class Expansion {
  private Expansion() {}

  /**
   * Expands {@code input}.
   *
   * @param lookup a variable's value, or null when it is not defined
   */
  public static String expand(String input, Function<String, String> lookup) {
    if (input == null || input.indexOf('$') < 0) {
      return input;
    }
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    int n = input.length();
    while (i < n) {
      char ch = input.charAt(i);
      if (ch != '$' || i + 1 >= n) {
        out.append(ch);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          out.append("$(");
          i += 2;
        } else {
          String name = input.substring(i + 2, close);
          String value = lookup.apply(name);
          out.append(value != null ? value : "$(" + name + ")");
          i = close + 1;
        }
      } else {
        out.append('$').append(next);
        i += 2;
      }
    }
    return out.toString();
  }

  /** Expands against the variables of {@code env} (name to value). */
  public static String expand(String input, Map<String, String> env) {
    return expand(input, env::get);
  }
}
