package io.nauta.api.fields;

import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import java.util.Objects;
import java.util.function.Function;

/**
 * One term of a field selector: a field path, {@link Operator#EQUALS} or {@link
 * Operator#NOT_EQUALS}, and the (unescaped) value.
 *
 * @param field the field path as written, e.g. {@code metadata.name}; not checked here
 * @param operator {@code EQUALS} or {@code NOT_EQUALS}; {@code DOUBLE_EQUALS} is normalised to
 *     {@code EQUALS}, as Kubernetes does
 * @param value the value to compare with, unescaped; may be empty
 */
public record Requirement(String field, Operator operator, String value) {

  /**
   * @throws SelectorParseException when the operator is not an equality or inequality
   * @throws NullPointerException when an argument is null
   */
  public Requirement {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
    if (operator == Operator.DOUBLE_EQUALS) {
      operator = Operator.EQUALS;
    }
    if (operator != Operator.EQUALS && operator != Operator.NOT_EQUALS) {
      throw new SelectorParseException(
          field, "field selectors support only =, == and !=, not " + operator.kubernetesName());
    }
  }

  /**
   * Whether an object whose field values are given by {@code fieldValue} satisfies this term. A
   * null from {@code fieldValue} means the field is absent, which compares as the empty string (so
   * {@code spec.nodeName=} matches unscheduled pods).
   */
  public boolean matches(Function<String, String> fieldValue) {
    String actual = fieldValue.apply(field);
    boolean equal = value.equals(actual == null ? "" : actual);
    return operator == Operator.EQUALS ? equal : !equal;
  }

  /** The canonical form {@code field=value} or {@code field!=value}, with the value escaped. */
  @Override
  public String toString() {
    return field + (operator == Operator.EQUALS ? "=" : "!=") + FieldSelector.escapeValue(value);
  }
}
