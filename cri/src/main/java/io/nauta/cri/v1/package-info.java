/**
 * CRI {@code runtime.v1} wire types and gRPC stubs, generated at build time from {@code
 * src/main/proto/cri.proto}; field numbers and types match what containerd 1.6 serves, so messages
 * round-trip with any CRI runtime (fields not declared here are kept as unknown fields).
 */
package io.nauta.cri.v1;
