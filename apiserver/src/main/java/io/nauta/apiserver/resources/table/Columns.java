package io.nauta.apiserver.resources.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Columns and cells that several kinds print the same way. */
public final class Columns {
  public static final TableColumn CONTAINERS =
      TableColumn.wide("Containers", "Names of each container in the template.");
  public static final TableColumn IMAGES =
      TableColumn.wide("Images", "Images referenced by each container in the template.");
  public static final TableColumn SELECTOR =
      TableColumn.wide("Selector", "The label query over pods the controller manages.");
  public static final TableColumn CREATED_AT =
      new TableColumn(
          "Created At", "date", "", "The time the object was created, in RFC 3339 form.", 0);

  private Columns() {}

  /** A boolean column, always shown. */
  public static TableColumn bool(String name, String description) {
    return new TableColumn(name, "boolean", "", description, 0);
  }

  /** A column shown only with {@code -o wide}, of the given OpenAPI type. */
  public static TableColumn wide(String name, String type, String description) {
    return new TableColumn(name, type, "", description, 1);
  }

  /** Container names of a pod spec joined by commas, as kubectl's wide output lays them out. */
  public static String containerNames(JsonNode podSpec) {
    List<String> names = new ArrayList<>();
    Json.objects(podSpec, "containers").forEach(c -> names.add(Json.text(c, "name")));
    return String.join(",", names);
  }

  /** Container images of a pod spec joined by commas. */
  public static String containerImages(JsonNode podSpec) {
    List<String> images = new ArrayList<>();
    Json.objects(podSpec, "containers").forEach(c -> images.add(Json.text(c, "image")));
    return String.join(",", images);
  }

  /** The creation time as RFC 3339 in UTC, as the default table's "Created At" cell shows it. */
  public static String createdAt(ObjectNode obj) {
    String ts = Json.text(obj, "metadata", "creationTimestamp");
    try {
      return DateTimeFormatter.ISO_INSTANT.format(
          Instant.parse(ts).with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0));
    } catch (RuntimeException e) {
      return ts;
    }
  }

  /** "<none>" for an empty string, else the string. */
  public static String orNone(String s) {
    return s == null || s.isEmpty() ? "<none>" : s;
  }
}
