package io.nauta.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.codec.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * An object's {@code metadata.managedFields}: which manager owns which fields, through which
 * operation. Read from and written back to the object as {@code FieldsV1} entries.
 */
public final class ManagedFields {
  private final List<Entry> entries;

  private ManagedFields(List<Entry> entries) {
    this.entries = entries;
  }

  /** One manager's fields for one operation and subresource. */
  public static final class Entry {
    final String manager;
    final String operation;
    final String subresource;
    String apiVersion;
    String time;
    FieldSet fields;

    Entry(
        String manager,
        String operation,
        String subresource,
        String apiVersion,
        String time,
        FieldSet fields) {
      this.manager = manager;
      this.operation = operation;
      this.subresource = subresource == null ? "" : subresource;
      this.apiVersion = apiVersion;
      this.time = time;
      this.fields = fields;
    }

    public String manager() {
      return manager;
    }

    public String operation() {
      return operation;
    }

    public FieldSet fields() {
      return fields;
    }

    boolean is(String manager, String operation, String subresource) {
      return this.manager.equals(manager)
          && this.operation.equals(operation)
          && this.subresource.equals(subresource == null ? "" : subresource);
    }
  }

  /** An empty set of managers. */
  public static ManagedFields empty() {
    return new ManagedFields(new ArrayList<>());
  }

  /**
   * The managers recorded in {@code obj}'s metadata.
   *
   * @throws io.nauta.apiserver.status.ApiException 422 for entries that are not valid
   */
  public static ManagedFields of(ObjectNode obj) {
    JsonNode mf = obj.path("metadata").get("managedFields");
    List<Entry> entries = new ArrayList<>();
    if (mf == null || mf.isNull()) {
      return new ManagedFields(entries);
    }
    if (!mf.isArray()) {
      throw invalid(obj, "metadata.managedFields", "must be a list");
    }
    for (int i = 0; i < mf.size(); i++) {
      JsonNode e = mf.get(i);
      String at = "metadata.managedFields[" + i + "]";
      if (!e.isObject()) {
        throw invalid(obj, at, "must be an object");
      }
      if (e.isEmpty()) {
        continue; // [{}] is how a client asks to drop all managed fields
      }
      String op = e.path("operation").asText("");
      if (!op.equals("Apply") && !op.equals("Update")) {
        throw invalid(obj, at + ".operation", "must be Apply or Update");
      }
      if (e.has("fieldsType") && !"FieldsV1".equals(e.path("fieldsType").asText())) {
        throw invalid(obj, at + ".fieldsType", "must be FieldsV1");
      }
      FieldSet fields;
      try {
        fields = FieldSet.fromFieldsV1(e.get("fieldsV1"));
      } catch (IllegalArgumentException ex) {
        throw invalid(obj, at + ".fieldsV1", ex.getMessage());
      }
      entries.add(
          new Entry(
              e.path("manager").asText(""),
              op,
              e.path("subresource").asText(""),
              e.path("apiVersion").asText(""),
              e.path("time").asText(null),
              fields));
    }
    return new ManagedFields(entries);
  }

  private static io.nauta.apiserver.status.ApiException invalid(
      ObjectNode obj, String field, String why) {
    return io.nauta.apiserver.status.ApiException.invalid(
        "",
        obj.path("kind").asText(""),
        obj.path("metadata").path("name").asText(""),
        List.of(FieldError.invalid(field, null, why)));
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The entry for a manager, operation and subresource, or null. */
  public Entry find(String manager, String operation, String subresource) {
    for (Entry e : entries) {
      if (e.is(manager, operation, subresource)) {
        return e;
      }
    }
    return null;
  }

  /** Sets (replacing) the fields of an entry, adding the entry if it is new. */
  public void put(
      String manager,
      String operation,
      String subresource,
      String apiVersion,
      String time,
      FieldSet fields) {
    Entry e = find(manager, operation, subresource);
    if (e == null) {
      entries.add(new Entry(manager, operation, subresource, apiVersion, time, fields));
    } else {
      e.fields = fields;
      e.apiVersion = apiVersion;
      e.time = time;
    }
  }

  /** Every field owned by an entry other than {@code except}. */
  public FieldSet ownedByOthers(Entry except) {
    FieldSet all = new FieldSet();
    for (Entry e : entries) {
      if (e != except) {
        all = all.union(e.fields);
      }
    }
    return all;
  }

  /** Keeps only fields that exist in {@code obj} and drops entries left with none. */
  public void prune(JsonNode obj) {
    entries.removeIf(
        e -> {
          e.fields = Fields.existing(e.fields, obj);
          return e.fields.isEmpty();
        });
  }

  /** Writes the entries into {@code obj}'s metadata (removing the field when there are none). */
  public void writeTo(ObjectNode obj) {
    ObjectNode meta = obj.get("metadata") instanceof ObjectNode m ? m : obj.putObject("metadata");
    if (entries.isEmpty()) {
      meta.remove("managedFields");
      return;
    }
    ArrayNode out = meta.putArray("managedFields");
    for (Entry e : entries) {
      ObjectNode o = out.addObject();
      o.put("manager", e.manager);
      o.put("operation", e.operation);
      o.put("apiVersion", e.apiVersion);
      if (e.time != null) {
        o.put("time", e.time);
      }
      o.put("fieldsType", "FieldsV1");
      o.set("fieldsV1", e.fields.toFieldsV1());
      if (!e.subresource.isEmpty()) {
        o.put("subresource", e.subresource);
      }
    }
  }

  /** A JSON copy of the entries, for equality checks. */
  static JsonNode json(ObjectNode obj) {
    JsonNode mf = obj.path("metadata").get("managedFields");
    return mf == null ? Codec.JSON.nullNode() : mf;
  }
}
