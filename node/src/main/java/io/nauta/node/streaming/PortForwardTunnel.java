package io.nauta.node.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;

/**
 * A port-forward session whose SPDY frames kubectl tunnels in WebSocket binary messages
 * (subprotocol {@value #SUBPROTOCOL}): the payloads are relayed as a byte stream to the runtime's
 * SPDY connection, and what the runtime sends goes back as binary messages. The SPDY session itself
 * (streams per forwarded connection, pings) is between kubectl and the runtime. Confined to one
 * event loop.
 */
final class PortForwardTunnel extends WebSocketBridge {
  static final String SUBPROTOCOL = "SPDY/3.1+portforward.k8s.io";
  static final String PROTOCOL = "portforward.k8s.io";

  PortForwardTunnel(Channel ws, Channel backend) {
    super(ws, backend, "port-forward");
  }

  @Override
  void fromWebSocket(ByteBuf message) {
    backend.writeAndFlush(message.retain());
    if (!backend.isWritable()) {
      ws.config().setAutoRead(false);
    }
  }

  @Override
  void fromBackend(Object message) {
    if (message instanceof ByteBuf buf) {
      ws.writeAndFlush(new BinaryWebSocketFrame(buf.retain()));
      if (!ws.isWritable()) {
        backend.config().setAutoRead(false);
      }
    }
  }
}
