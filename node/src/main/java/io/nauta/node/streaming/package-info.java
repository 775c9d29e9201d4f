/**
 * Streams between kubectl and a container: exec, attach and port-forward.
 *
 * <p>The container runtime does the real work: CRI {@code Exec}, {@code Attach} and {@code
 * PortForward} return a URL on containerd's streaming server, which speaks Kubernetes' SPDY
 * protocols ({@code v4.channel.k8s.io} for exec and attach, {@code portforward.k8s.io}). The API
 * server only relays bytes between kubectl and this agent (after a 101 both ways); this package
 * bridges what kubectl speaks to what containerd speaks:
 *
 * <ul>
 *   <li>kubectl's SPDY ({@code Upgrade: SPDY/3.1}): relayed byte for byte to containerd's streaming
 *       server after its 101 ({@link io.nauta.node.streaming.RawRelay}).
 *   <li>WebSocket {@code v5.channel.k8s.io} (and {@code v4}) for exec and attach: terminated here
 *       and translated to SPDY streams toward containerd ({@link
 *       io.nauta.node.streaming.RemoteCommandBridge}); the v5 close signal becomes the end of the
 *       stdin stream, which SPDY can say and a v4 WebSocket cannot.
 *   <li>WebSocket {@code SPDY/3.1+portforward.k8s.io} for port-forward: kubectl's SPDY frames ride
 *       in binary messages; unwrapped here and relayed to containerd ({@link
 *       io.nauta.node.streaming.PortForwardTunnel}).
 * </ul>
 *
 * All handlers of one session run on the event loop of kubectl's connection, backends included.
 */
package io.nauta.node.streaming;
