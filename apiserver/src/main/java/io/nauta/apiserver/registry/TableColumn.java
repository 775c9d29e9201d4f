package io.nauta.apiserver.registry;

/**
 * A {@code meta.k8s.io/v1 Table} column definition.
 *
 * @param name header as printed (kubectl upper-cases it)
 * @param type OpenAPI type: string, integer, number, boolean, date
 * @param format e.g. "name" for the Name column, or ""
 * @param description what the column shows
 * @param priority 0 always shown; 1 only with {@code -o wide}
 */
public record TableColumn(
    String name, String type, String format, String description, int priority) {
  public static final TableColumn NAME =
      new TableColumn(
          "Name",
          "string",
          "name",
          "Name must be unique within a namespace. Cannot be updated.",
          0);
  public static final TableColumn AGE =
      new TableColumn(
          "Age",
          "string",
          "",
          "CreationTimestamp is a timestamp representing the server time when this object was"
              + " created.",
          0);

  public static TableColumn string(String name, String description) {
    return new TableColumn(name, "string", "", description, 0);
  }

  public static TableColumn integer(String name, String description) {
    return new TableColumn(name, "integer", "", description, 0);
  }

  public static TableColumn wide(String name, String description) {
    return new TableColumn(name, "string", "", description, 1);
  }
}
