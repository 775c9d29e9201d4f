package io.nauta.apiserver.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.nauta.apiserver.codec.protobuf.JsonNames;
import io.nauta.apiserver.codec.protobuf.KindRegistry;
import io.nauta.apiserver.codec.protobuf.WellKnownTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates OpenAPI v3 schemas from protobuf message descriptors. Not thread-safe: it caches each
 * message's schema, so one instance serves all documents built together.
 *
 * <p>A message becomes {@code type: object} with one property per field under its JSON name
 * (inlined messages lift their fields into the parent, as Go's JSON does); a repeated field becomes
 * an array with list extensions; a proto map an object with {@code additionalProperties}; a
 * message-typed value a {@code $ref} to that message's own schema. Well-known types get their JSON
 * form as their schema, so references to them stay uniform. Returned nodes are shared between calls
 * and must not be modified; copy them first.
 */
final class SchemaGenerator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> TYPE_META = List.of("apiVersion", "kind");

  /** One message's schema and the messages it refers to directly. */
  private record Built(ObjectNode schema, List<Descriptor> refs) {}

  private final Descriptions descriptions;
  private final Map<Descriptor, Built> cache = new HashMap<>();

  SchemaGenerator(Descriptions descriptions) {
    this.descriptions = descriptions;
  }

  /**
   * The schemas of {@code roots} and every message they reach, by definition name (sorted), so
   * every {@code $ref} inside resolves within the result.
   */
  Map<String, ObjectNode> closure(Collection<Descriptor> roots) {
    Map<String, ObjectNode> out = new TreeMap<>();
    Set<Descriptor> seen = new LinkedHashSet<>(roots);
    Deque<Descriptor> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      Descriptor d = todo.pop();
      Built b = built(d);
      out.put(SchemaNames.of(d), b.schema());
      for (Descriptor r : b.refs()) {
        if (seen.add(r)) {
          todo.push(r);
        }
      }
    }
    return out;
  }

  /** The schema of one message (shared; do not modify). */
  ObjectNode schema(Descriptor message) {
    return built(message).schema();
  }

  private Built built(Descriptor d) {
    Built b = cache.get(d);
    if (b == null) {
      List<Descriptor> refs = new ArrayList<>();
      b = new Built(build(d, refs), List.copyOf(refs));
      cache.put(d, b);
    }
    return b;
  }

  private ObjectNode build(Descriptor d, List<Descriptor> refs) {
    ObjectNode s =
        WellKnownTypes.jsonForm(d).map(TypeSchemas::wellKnown).orElseGet(NODES::objectNode);
    descriptions.ofType(d.getName()).ifPresent(text -> s.put("description", text));
    if (WellKnownTypes.jsonForm(d).isEmpty()) {
      s.put("type", "object");
      ObjectNode props = s.putObject("properties");
      // kinds carry apiVersion and kind in JSON; in protobuf they travel in the envelope instead
      if (KindRegistry.hasObjectOrListMeta(d)) {
        addTypeMeta(d.getName(), props);
      }
      addFields(d.getName(), d, props, refs);
    }
    return s;
  }

  private void addTypeMeta(String owner, ObjectNode props) {
    for (String name : TYPE_META) {
      ObjectNode s = TypeSchemas.typed("string");
      descriptions.ofField(owner, name).ifPresent(text -> s.put("description", text));
      props.set(name, s);
    }
  }

  /** Adds the properties of {@code d}'s fields, lifting inlined messages' fields into them. */
  private void addFields(String owner, Descriptor d, ObjectNode props, List<Descriptor> refs) {
    for (FieldDescriptor f : d.getFields()) {
      if (JsonNames.isInline(f)) {
        addFields(owner, f.getMessageType(), props, refs);
        continue;
      }
      String name = JsonNames.of(f);
      ObjectNode s = field(f, name, refs);
      String description = descriptions.ofField(owner, name).orElse(null);
      if (description != null) {
        if (s.has("$ref")) {
          // OpenAPI 3.0 ignores siblings of $ref; allOf keeps the description (as Kubernetes does)
          ObjectNode wrapped = NODES.objectNode();
          wrapped.putArray("allOf").add(s);
          s = wrapped;
        }
        s.put("description", description);
      }
      props.set(name, s);
    }
  }

  private ObjectNode field(FieldDescriptor f, String jsonName, List<Descriptor> refs) {
    if (f.isMapField()) {
      ObjectNode map = TypeSchemas.typed("object");
      map.set("additionalProperties", value(f.getMessageType().findFieldByName("value"), refs));
      return map;
    }
    if (f.isRepeated()) {
      ObjectNode array = TypeSchemas.typed("array");
      array.set("items", value(f, refs));
      ListExtensions.annotate(array, f, jsonName);
      return array;
    }
    return value(f, refs);
  }

  /** The schema of one value of {@code f}: a scalar, or a reference to a message's schema. */
  private static ObjectNode value(FieldDescriptor f, List<Descriptor> refs) {
    if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return TypeSchemas.scalar(f);
    }
    Descriptor m = f.getMessageType();
    refs.add(m);
    return NODES.objectNode().put("$ref", SchemaNames.ref(m));
  }
}
