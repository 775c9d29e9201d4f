package io.nauta.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.ResourceType;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code components.schemas} of one group-version document, and where the schemas of the
 * objects its operations read and write are.
 *
 * @param schemas definition name to schema; every {@code $ref} inside resolves to one of them
 * @param refs {@code apiVersion/kind} (see {@link #key}) to the {@code $ref} value of that kind's
 *     schema, for every kind that has one
 */
public record GroupVersionSchemas(ObjectNode schemas, Map<String, String> refs) {
  public GroupVersionSchemas {
    refs = Map.copyOf(refs);
  }

  /** The schema reference of {@code t}'s kind; empty when the kind has no protobuf model. */
  public Optional<String> kindRef(ResourceType t) {
    return ref(t.groupVersion(), t.kind());
  }

  /** The schema reference of {@code t}'s list kind. */
  public Optional<String> listRef(ResourceType t) {
    return ref(t.groupVersion(), t.listKind());
  }

  /** The schema reference of the object a subresource of {@code t} reads or writes. */
  public Optional<String> subresourceRef(ResourceType t, String subresource) {
    OpenApiComponents.ApiKind k = OpenApiComponents.subresourceKind(t, subresource);
    return ref(k.apiVersion(), k.kind());
  }

  /** The schema reference of meta/v1 Status, which deletes return. */
  public Optional<String> statusRef() {
    return ref(OpenApiComponents.STATUS_API_VERSION, "Status");
  }

  private Optional<String> ref(String apiVersion, String kind) {
    return Optional.ofNullable(refs.get(key(apiVersion, kind)));
  }

  static String key(String apiVersion, String kind) {
    return apiVersion + "/" + kind;
  }
}
