package io.nauta.api.validation;

/**
 * The path of a field inside an object, rendered like Kubernetes' {@code field.Path}: children are
 * joined with {@code .}, list indexes and map keys are written in brackets, e.g. {@code
 * spec.containers[0].resources.limits[cpu]}.
 *
 * @param value the rendered path; empty for the root
 */
public record FieldPath(String value) {

  /** The empty path, for validating a value that is not inside an object. */
  public static final FieldPath ROOT = new FieldPath("");

  public FieldPath {
    java.util.Objects.requireNonNull(value, "value");
  }

  /** A path starting at the top-level field {@code name}, e.g. {@code metadata}. */
  public static FieldPath of(String name) {
    return ROOT.child(name);
  }

  /** This path followed by the field {@code name}. */
  public FieldPath child(String name) {
    return new FieldPath(value.isEmpty() ? name : value + "." + name);
  }

  /** This path followed by the list index {@code i}. */
  public FieldPath index(int i) {
    return new FieldPath(value + "[" + i + "]");
  }

  /** This path followed by the map key {@code key}. */
  public FieldPath key(String key) {
    return new FieldPath(value + "[" + key + "]");
  }

  @Override
  public String toString() {
    return value;
  }
}
