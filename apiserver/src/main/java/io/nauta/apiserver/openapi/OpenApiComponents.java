package io.nauta.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import io.kubernetes.client.proto.Meta;
import io.nauta.apiserver.codec.protobuf.KindRegistry;
import io.nauta.apiserver.registry.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@code components.schemas} of group-version documents from the built-in protobuf
 * models. Not thread-safe (schemas are cached between calls); build all documents from one thread.
 *
 * <p>A document holds the schema of each served kind, its list kind, the objects its subresources
 * take (Scale, Binding, Eviction), meta/v1 Status, and every type those reach. The top-level kinds
 * carry {@code x-kubernetes-group-version-kind}, by which kubectl finds a kind's schema.
 */
public final class OpenApiComponents {
  static final String STATUS_API_VERSION = "v1";
  static final String GVK = "x-kubernetes-group-version-kind";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final KindRegistry kinds = KindRegistry.builtIn();
  private final SchemaGenerator generator;

  /** A builder with Nauta's built-in descriptions. */
  public OpenApiComponents() {
    this(Descriptions.builtIn());
  }

  OpenApiComponents(Descriptions descriptions) {
    this.generator = new SchemaGenerator(descriptions);
  }

  /** An apiVersion and kind, e.g. {@code autoscaling/v1 Scale}. */
  record ApiKind(String apiVersion, String kind) {}

  /** A top-level kind of a document: its apiVersion, kind and message. */
  private record Root(String apiVersion, String kind, Descriptor message) {}

  /**
   * The schemas of one group-version whose served resources are {@code types}. Kinds without a
   * protobuf model get no schema (and no reference).
   */
  public GroupVersionSchemas forResources(List<ResourceType> types) {
    Map<String, Root> roots = new LinkedHashMap<>();
    for (ResourceType t : types) {
      add(roots, t.groupVersion(), t.kind());
      if (!t.isCreateOnly()) {
        add(roots, t.groupVersion(), t.listKind());
      }
      for (String sub : t.subresources()) {
        ApiKind k = subresourceKind(t, sub);
        add(roots, k.apiVersion(), k.kind());
      }
    }
    if (!roots.isEmpty()) {
      // meta/v1 Status belongs to no group; Kubernetes registers it under core v1
      roots.put(
          GroupVersionSchemas.key(STATUS_API_VERSION, "Status"),
          new Root(STATUS_API_VERSION, "Status", Meta.Status.getDescriptor()));
    }
    Map<Descriptor, List<Root>> byMessage = new HashMap<>();
    Map<String, String> refs = new HashMap<>();
    roots.forEach(
        (key, r) -> {
          byMessage.computeIfAbsent(r.message(), m -> new ArrayList<>()).add(r);
          refs.put(key, SchemaNames.ref(r.message()));
        });
    ObjectNode schemas = NODES.objectNode();
    Map<String, ObjectNode> closure = generator.closure(byMessage.keySet());
    Map<String, List<Root>> rootsByName = new HashMap<>();
    byMessage.forEach((m, rs) -> rootsByName.put(SchemaNames.of(m), rs));
    closure.forEach(
        (name, schema) -> {
          List<Root> rs = rootsByName.get(name);
          schemas.set(name, rs == null ? schema : withGvk(schema, rs));
        });
    return new GroupVersionSchemas(schemas, refs);
  }

  private void add(Map<String, Root> roots, String apiVersion, String kind) {
    Optional<Descriptor> d = kinds.find(apiVersion, kind);
    d.ifPresent(
        m -> roots.put(GroupVersionSchemas.key(apiVersion, kind), new Root(apiVersion, kind, m)));
  }

  /** A copy of a shared schema with the group-version-kind extension of each root it serves. */
  private static ObjectNode withGvk(ObjectNode shared, List<Root> roots) {
    ObjectNode s = shared.deepCopy();
    ArrayNode gvks = s.putArray(GVK);
    for (Root r : roots) {
      int slash = r.apiVersion().indexOf('/');
      ObjectNode gvk = gvks.addObject();
      gvk.put("group", slash < 0 ? "" : r.apiVersion().substring(0, slash));
      gvk.put("kind", r.kind());
      gvk.put("version", r.apiVersion().substring(slash + 1));
    }
    return s;
  }

  /**
   * The apiVersion and kind of the object a subresource reads or writes: {@code scale} takes
   * autoscaling/v1 Scale, {@code binding} a core Binding, {@code eviction} a policy/v1 Eviction,
   * any other (status) the resource's own kind.
   */
  static ApiKind subresourceKind(ResourceType t, String subresource) {
    return switch (subresource) {
      case "scale" -> new ApiKind("autoscaling/v1", "Scale");
      case "binding" -> new ApiKind("v1", "Binding");
      case "eviction" -> new ApiKind("policy/v1", "Eviction");
      default -> new ApiKind(t.groupVersion(), t.kind());
    };
  }
}
