/**
 * OpenAPI v3 object schemas generated from the protobuf descriptors of the built-in kinds, so that
 * every group-version document describes each served kind, its list and every type they reach, with
 * every {@code $ref} resolving inside the same document.
 *
 * <p>The type model is {@code io.kubernetes:client-java-proto}: {@link
 * io.nauta.apiserver.openapi.SchemaGenerator} walks a message's fields, using the protobuf codec's
 * knowledge of JSON names, inlined structs and well-known types so that the schemas describe the
 * same JSON the server reads and writes. {@link io.nauta.apiserver.openapi.ListExtensions} takes
 * list merge behaviour from the strategic merge patch engine's table, so {@code kubectl apply}
 * computes patches the server merges the same way. {@link io.nauta.apiserver.openapi.Descriptions}
 * holds Nauta's own field descriptions; fields without one carry none. {@link
 * io.nauta.apiserver.openapi.OpenApiComponents} assembles the {@code components.schemas} of one
 * group-version.
 */
package io.nauta.apiserver.openapi;
