/**
 * Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}): the {@code
 * k8s\0} envelope around a {@code runtime.Unknown} is opened and the object inside is translated
 * into the JSON tree that Kubernetes' own JSON encoding gives the same object. Any malformed body
 * becomes a 400 (or 415 for an API group that has no protobuf form), never another exception.
 *
 * <p>The message schemas are the generated types of {@code io.kubernetes:client-java-proto}; {@link
 * io.nauta.apiserver.codec.protobuf.KindRegistry} maps group, version and kind to them, {@link
 * io.nauta.apiserver.codec.protobuf.JsonTranslator} walks a message field by field, {@link
 * io.nauta.apiserver.codec.protobuf.JsonNames} knows where Go's JSON names and embedding differ
 * from the protobuf field names, and {@link io.nauta.apiserver.codec.protobuf.WellKnownTypes}
 * renders the types whose JSON form is not their message shape (quantities, int-or-string, times,
 * durations, raw extensions).
 */
package io.nauta.apiserver.codec.protobuf;
