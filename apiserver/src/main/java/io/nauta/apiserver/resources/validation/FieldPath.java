package io.nauta.apiserver.resources.validation;

/**
 * A Kubernetes field path such as {@code spec.containers[0].ports[1].name} or {@code data[key]}.
 *
 * @param value the rendered path; "" is the whole object
 */
public record FieldPath(String value) {

  /** A path starting at a top-level field, e.g. {@code FieldPath.of("spec", "template")}. */
  public static FieldPath of(String first, String... more) {
    FieldPath p = new FieldPath(first);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  /** The whole object, rendered as "". */
  public static FieldPath root() {
    return new FieldPath("");
  }

  public FieldPath child(String name) {
    return new FieldPath(value.isEmpty() ? name : value + "." + name);
  }

  /** Appends several children, e.g. {@code child("spec", "restartPolicy")}. */
  public FieldPath child(String name, String... more) {
    FieldPath p = child(name);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  public FieldPath index(int i) {
    return new FieldPath(value + "[" + i + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(value + "[" + key + "]");
  }

  @Override
  public String toString() {
    return value;
  }
}
