/**
 * Runs containers through the Kubernetes Container Runtime Interface: {@link
 * io.nauta.cri.CriClient} speaks CRI {@code runtime.v1} to a runtime's unix socket with a deadline
 * on every call and reports every failure as one {@link io.nauta.cri.CriException} carrying the
 * gRPC status code; {@link io.nauta.cri.Containerd} supervises a containerd of our own (its own
 * config, root, state, socket, CNI network and registry hosts) or adopts an existing socket.
 *
 * <p>The wire types are generated from Nauta's own {@code cri.proto} into {@code io.nauta.cri.v1}.
 * This module depends on no other Nauta module, so the node agent can use it on its own.
 */
package io.nauta.cri;
