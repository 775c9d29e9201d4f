package io.nauta.api.labels;

import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.NameValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One clause of a label selector: a key, an operator and the operator's values. Construction
 * validates it as Kubernetes' {@code labels.NewRequirement} does, so every instance is valid.
 *
 * @param key a qualified name, e.g. {@code app.kubernetes.io/name}
 * @param operator how the key relates to the values
 * @param values the values, in the order given (duplicates kept); rendering sorts them
 */
public record Requirement(String key, Operator operator, List<String> values) {
  private static final Pattern INT64 = Pattern.compile("[+-]?[0-9]+");

  /**
   * @throws SelectorParseException when the key is not a qualified name, a value is not a label
   *     value, or the number (or, for gt/lt, the form) of values does not suit the operator
   * @throws NullPointerException when an argument or a value is null
   */
  public Requirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
    List<FieldError> errs = problems(key, operator, values);
    if (!errs.isEmpty()) {
      throw new SelectorParseException(key, FieldError.summarize(errs));
    }
  }

  /** Shorthand for {@code new Requirement(key, operator, List.of(values))}. */
  public static Requirement of(String key, Operator operator, String... values) {
    return new Requirement(key, operator, List.of(values));
  }

  /** The problem with {@code key} as a label key, or null when it is a valid qualified name. */
  static FieldError keyProblem(String key) {
    List<String> msgs = NameValidation.qualifiedName(key);
    return msgs.isEmpty() ? null : FieldError.invalid("key", key, String.join("; ", msgs));
  }

  private static List<FieldError> problems(String key, Operator op, List<String> values) {
    List<FieldError> errs = new ArrayList<>();
    FieldError keyErr = keyProblem(key);
    if (keyErr != null) {
      errs.add(keyErr);
    }
    String all = values.toString().replace(", ", " ");
    switch (op) {
      case IN, NOT_IN -> {
        if (values.isEmpty()) {
          errs.add(
              FieldError.invalid(
                  "values", all, "for 'in', 'notin' operators, values set can't be empty"));
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (values.size() != 1) {
          errs.add(
              FieldError.invalid(
                  "values", all, "exact-match compatibility requires one single value"));
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!values.isEmpty()) {
          errs.add(
              FieldError.invalid(
                  "values", all, "values set must be empty for exists and does not exist"));
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (values.size() != 1) {
          errs.add(
              FieldError.invalid(
                  "values", all, "for 'Gt', 'Lt' operators, exactly one value is required"));
        }
        for (int i = 0; i < values.size(); i++) {
          if (parseInt64(values.get(i)).isEmpty()) {
            errs.add(
                FieldError.invalid(
                    "values[" + i + "]",
                    values.get(i),
                    "for 'Gt', 'Lt' operators, the value must be an integer"));
          }
        }
      }
    }
    for (int i = 0; i < values.size(); i++) {
      String v = Objects.requireNonNull(values.get(i), "value");
      List<String> msgs = NameValidation.labelValue(v);
      if (!msgs.isEmpty()) {
        errs.add(FieldError.invalid("values[" + i + "][" + key + "]", v, String.join("; ", msgs)));
      }
    }
    return errs;
  }

  /**
   * Whether {@code labels} satisfy this requirement. Absent keys satisfy {@code !=}, {@code notin}
   * and {@code !key} only; {@code gt}/{@code lt} need the label's value to be a base-10 int64.
   *
   * @param labels the object's labels; null means none
   */
  public boolean matches(Map<String, String> labels) {
    String actual = labels == null ? null : labels.get(key);
    return switch (operator) {
      case IN, EQUALS, DOUBLE_EQUALS -> actual != null && values.contains(actual);
      case NOT_IN, NOT_EQUALS -> actual == null || !values.contains(actual);
      case EXISTS -> actual != null;
      case DOES_NOT_EXIST -> actual == null;
      case GREATER_THAN, LESS_THAN -> compares(actual);
    };
  }

  private boolean compares(String actual) {
    if (actual == null) {
      return false;
    }
    OptionalLong have = parseInt64(actual);
    OptionalLong bound = parseInt64(values.get(0));
    if (have.isEmpty() || bound.isEmpty()) {
      return false;
    }
    return operator == Operator.GREATER_THAN
        ? have.getAsLong() > bound.getAsLong()
        : have.getAsLong() < bound.getAsLong();
  }

  /** Parses like Go's {@code strconv.ParseInt(s, 10, 64)}: ASCII digits, optional sign. */
  static OptionalLong parseInt64(String s) {
    if (!INT64.matcher(s).matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(s));
    } catch (NumberFormatException overflow) {
      return OptionalLong.empty();
    }
  }

  /**
   * The canonical string form, e.g. {@code !a}, {@code a}, {@code a=b}, {@code a==b}, {@code a!=b},
   * {@code a in (x,y)}, {@code a notin (x)}, {@code a>1}, {@code a<1}; set values sorted, without
   * repeats.
   */
  @Override
  public String toString() {
    return switch (operator) {
      case DOES_NOT_EXIST -> "!" + key;
      case EXISTS -> key;
      case EQUALS -> key + "=" + values.get(0);
      case DOUBLE_EQUALS -> key + "==" + values.get(0);
      case NOT_EQUALS -> key + "!=" + values.get(0);
      case GREATER_THAN -> key + ">" + values.get(0);
      case LESS_THAN -> key + "<" + values.get(0);
      case IN -> key + " in (" + setString() + ")";
      case NOT_IN -> key + " notin (" + setString() + ")";
    };
  }

  private String setString() {
    return String.join(",", values.stream().distinct().sorted().toList());
  }
}
