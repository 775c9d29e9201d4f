package io.nauta.apiserver.openapi;

import com.google.protobuf.Descriptors.Descriptor;

/**
 * Kubernetes definition names of protobuf messages, e.g. {@code io.k8s.api.core.v1.Pod} for the
 * message {@code k8s.io.api.core.v1.Pod}. The names are part of the wire API: clients match on them
 * (kubectl prints the last segment as a field's type). Stateless.
 */
final class SchemaNames {
  static final String REF_PREFIX = "#/components/schemas/";
  private static final String PROTO_PREFIX = "k8s.io.";

  private SchemaNames() {}

  /**
   * The definition name of {@code message}: the Go package path reversed into a domain ({@code
   * k8s.io} becomes {@code io.k8s}) and the apiextensions package spelled with its dash, as the Go
   * import path has it.
   */
  static String of(Descriptor message) {
    String full = message.getFullName();
    String rest = full.startsWith(PROTO_PREFIX) ? full.substring(PROTO_PREFIX.length()) : full;
    return "io.k8s." + rest.replace("apiextensions_apiserver", "apiextensions-apiserver");
  }

  /** The {@code $ref} value pointing at {@code message}'s schema in the same document. */
  static String ref(Descriptor message) {
    return REF_PREFIX + of(message);
  }
}
