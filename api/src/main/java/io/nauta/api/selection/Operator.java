package io.nauta.api.selection;

/**
 * How a selector requirement relates a key to its values, with the spelling Kubernetes uses for
 * each operator in its {@code selection.Operator} type.
 */
public enum Operator {
  /** The key exists and its value is one of the values. */
  IN("in"),
  /** The key is absent, or its value is none of the values. */
  NOT_IN("notin"),
  /** The key exists and equals the single value; written {@code =}. */
  EQUALS("="),
  /** Same meaning as {@link #EQUALS}; written {@code ==}. */
  DOUBLE_EQUALS("=="),
  /** The key is absent, or its value differs from the single value. */
  NOT_EQUALS("!="),
  /** The key exists, whatever its value. */
  EXISTS("exists"),
  /** The key is absent; written {@code !key}. */
  DOES_NOT_EXIST("!"),
  /** The key exists and its value, read as a 64-bit integer, is greater than the value. */
  GREATER_THAN("gt"),
  /** The key exists and its value, read as a 64-bit integer, is less than the value. */
  LESS_THAN("lt");

  private final String kubernetesName;

  Operator(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  /** The operator's name in Kubernetes' {@code selection.Operator}, e.g. {@code notin}. */
  public String kubernetesName() {
    return kubernetesName;
  }
}
