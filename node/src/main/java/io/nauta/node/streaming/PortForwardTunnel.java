package io.nauta.node.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * A port-forward session whose SPDY frames kubectl tunnels in WebSocket binary messages
 * (subprotocol {@value #SUBPROTOCOL}): the payloads are relayed as a byte stream to the runtime's
 * SPDY connection, and what the runtime sends goes back as binary messages. The SPDY session itself
 * (streams per forwarded connection, pings) is between kubectl and the runtime. Confined to one
 * event loop.
 */
final class PortForwardTunnel {
  static final String SUBPROTOCOL = "SPDY/3.1+portforward.k8s.io";
  static final String PROTOCOL = "portforward.k8s.io";

  private final Channel ws;
  private final Channel backend;
  private boolean done;

  PortForwardTunnel(Channel ws, Channel backend) {
    this.ws = ws;
    this.backend = backend;
  }

  ChannelInboundHandlerAdapter webSocketSide() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
          if (msg instanceof BinaryWebSocketFrame frame) {
            backend.writeAndFlush(frame.content().retain());
            if (!backend.isWritable()) {
              ws.config().setAutoRead(false);
            }
          } else if (msg instanceof PingWebSocketFrame ping) {
            ws.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
          } else if (msg instanceof CloseWebSocketFrame) {
            end();
          }
        } finally {
          ReferenceCountUtil.release(msg);
        }
      }

      @Override
      public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        backend.config().setAutoRead(ws.isWritable());
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        end();
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end();
      }
    };
  }

  ChannelInboundHandlerAdapter backendSide() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
          ReferenceCountUtil.release(msg);
          return;
        }
        ws.writeAndFlush(new BinaryWebSocketFrame(buf));
        if (!ws.isWritable()) {
          backend.config().setAutoRead(false);
        }
      }

      @Override
      public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ws.config().setAutoRead(backend.isWritable());
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        end();
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end();
      }
    };
  }

  private void end() {
    if (done) {
      return;
    }
    done = true;
    if (ws.isActive()) {
      ws.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
    }
    backend.close();
  }
}
