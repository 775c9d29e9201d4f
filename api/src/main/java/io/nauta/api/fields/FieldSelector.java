package io.nauta.api.fields;

import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An immutable field selector: the AND of equality/inequality {@link Requirement}s on field paths,
 * kept in the order of their canonical strings so equal selectors render equally.
 *
 * <p>Syntax, as Kubernetes parses it: terms separated by unescaped commas, each {@code
 * field=value}, {@code field==value} or {@code field!=value} split at the first operator; empty
 * terms are skipped; no whitespace is trimmed. In values, {@code \\}, {@code \,} and {@code \=}
 * stand for {@code \}, {@code ,} and {@code =}; any other escape, an unescaped {@code ,} or {@code
 * =} in a value, or a trailing lone backslash is an error. Field names are not unescaped.
 *
 * <p>Instances are thread-safe.
 */
public final class FieldSelector {
  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** The selector with no terms, which matches every object. */
  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /** The AND of {@code requirements}; none means {@link #everything()}. */
  public static FieldSelector of(Collection<Requirement> requirements) {
    if (requirements.isEmpty()) {
      return EVERYTHING;
    }
    List<Requirement> sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(Requirement::toString));
    return new FieldSelector(List.copyOf(sorted));
  }

  /** The one-term selector {@code field=value}, as clients build for {@code metadata.name}. */
  public static FieldSelector equal(String field, String value) {
    return of(List.of(new Requirement(field, Operator.EQUALS, value)));
  }

  /**
   * Parses a {@code fieldSelector} query parameter. Null or empty input means {@link
   * #everything()}.
   *
   * @throws SelectorParseException (and nothing else) when a term has no operator or a value is
   *     badly escaped, e.g. {@code invalid selector: 'a'; can't understand 'a'}
   */
  public static FieldSelector parse(String selector) {
    if (selector == null || selector.isEmpty()) {
      return EVERYTHING;
    }
    List<String> terms = splitTerms(selector);
    terms.sort(null); // Kubernetes reports the first bad term in sorted order
    List<Requirement> reqs = new ArrayList<>();
    for (String term : terms) {
      if (term.isEmpty()) {
        continue;
      }
      reqs.add(parseTerm(selector, term));
    }
    return of(reqs);
  }

  private static Requirement parseTerm(String selector, String term) {
    for (int i = 0; i < term.length(); i++) {
      Operator op = null;
      int width = 0;
      if (term.startsWith("!=", i)) {
        op = Operator.NOT_EQUALS;
        width = 2;
      } else if (term.startsWith("==", i)) {
        op = Operator.EQUALS;
        width = 2;
      } else if (term.charAt(i) == '=') {
        op = Operator.EQUALS;
        width = 1;
      }
      if (op != null) {
        String value = unescape(selector, term.substring(i + width));
        return new Requirement(term.substring(0, i), op, value);
      }
    }
    throw new SelectorParseException(
        selector, "invalid selector: '" + selector + "'; can't understand '" + term + "'");
  }

  /** Splits at commas not preceded by an escaping backslash; escapes stay in the terms. */
  private static List<String> splitTerms(String s) {
    List<String> terms = new ArrayList<>();
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        terms.add(s.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(s.substring(start));
    return terms;
  }

  /** Escapes {@code \}, {@code ,} and {@code =} so any string can be a field selector value. */
  public static String escapeValue(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == ',' || c == '=') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Reverses {@link #escapeValue}.
   *
   * @throws SelectorParseException on an unknown escape, an unescaped {@code ,} or {@code =}, or a
   *     trailing lone backslash
   */
  public static String unescapeValue(String value) {
    return unescape(value, value);
  }

  private static String unescape(String selector, String value) {
    StringBuilder b = new StringBuilder(value.length());
    boolean escaped = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          throw new SelectorParseException(
              selector, "invalid field selector: invalid escape sequence: \\" + c);
        }
        b.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        throw new SelectorParseException(
            selector, "invalid field selector: unescaped character in value: " + c);
      } else {
        b.append(c);
      }
    }
    if (escaped) {
      throw new SelectorParseException(
          selector, "invalid field selector: invalid escape sequence: \\");
    }
    return b.toString();
  }

  /**
   * Whether an object satisfies every term; {@code fieldValue} maps a field path to the object's
   * value, or null when the object has no such field (compared as {@code ""}).
   */
  public boolean matches(Function<String, String> fieldValue) {
    for (Requirement r : requirements) {
      if (!r.matches(fieldValue)) {
        return false;
      }
    }
    return true;
  }

  /** {@link #matches(Function)} over a map of field path to value; null means no fields. */
  public boolean matches(Map<String, String> fields) {
    return matches(fields == null ? f -> null : fields::get);
  }

  /** True when there are no terms. */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** The terms, so a server can reject fields it does not support for a resource. */
  public List<Requirement> requirements() {
    return requirements;
  }

  /** The value of the first {@code field=value} term on {@code field}, if any. */
  public Optional<String> requiresExactMatch(String field) {
    for (Requirement r : requirements) {
      if (r.operator() == Operator.EQUALS && r.field().equals(field)) {
        return Optional.of(r.value());
      }
    }
    return Optional.empty();
  }

  /** This selector with {@code more} terms added. */
  public FieldSelector and(Requirement... more) {
    List<Requirement> all = new ArrayList<>(requirements);
    all.addAll(List.of(more));
    return of(all);
  }

  /** The canonical form: terms in sorted order joined by {@code ,}; empty for everything. */
  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(Requirement::toString).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSelector other && requirements.equals(other.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode();
  }
}
