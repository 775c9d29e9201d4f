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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kubectl's WebSocket joined to a connection to the runtime: pings answered, a close or a failure
 * on either side ends both (kubectl gets a normal close), and each side reads only while the other
 * can take more (back-pressure). Subclasses translate the messages. Confined to one event loop.
 */
abstract class WebSocketBridge {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketBridge.class);

  protected final Channel ws;
  protected final Channel backend;
  protected final String what;
  private boolean done;

  /**
   * @param what the session, for logs (e.g. {@code exec default/web/c})
   */
  WebSocketBridge(Channel ws, Channel backend, String what) {
    this.ws = ws;
    this.backend = backend;
    this.what = what;
  }

  /** A binary message from kubectl; released by the caller (retain what is kept). */
  abstract void fromWebSocket(ByteBuf message);

  /** A message from the runtime; released by the caller (retain what is kept). */
  abstract void fromBackend(Object message);

  /** Last words to kubectl before the normal close, while the WebSocket is still open. */
  void beforeClose() {}

  /** Releases what the subclass holds; called once when the session ends. */
  void onEnd() {}

  /** The handler for the WebSocket side (after the frame aggregator). */
  final ChannelInboundHandlerAdapter webSocketSide() {
    return new Side(backend, "WebSocket") {
      @Override
      void read(Object msg) {
        if (msg instanceof BinaryWebSocketFrame frame) {
          fromWebSocket(frame.content());
        } else if (msg instanceof PingWebSocketFrame ping) {
          ws.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (msg instanceof CloseWebSocketFrame) {
          end();
        }
      }
    };
  }

  /** The handler for the runtime side (after its codec). */
  final ChannelInboundHandlerAdapter backendSide() {
    return new Side(ws, "runtime stream") {
      @Override
      void read(Object msg) {
        fromBackend(msg);
      }
    };
  }

  /** Ends the session once: kubectl gets a normal close, the runtime a close. */
  final void end() {
    if (done) {
      return;
    }
    done = true;
    onEnd();
    if (ws.isActive()) {
      beforeClose();
      ws.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
    }
    backend.close();
  }

  /** One side: reads released, the other side's reading follows this side's writability. */
  private abstract class Side extends ChannelInboundHandlerAdapter {
    private final Channel other;
    private final String name;

    Side(Channel other, String name) {
      this.other = other;
      this.name = name;
    }

    abstract void read(Object msg);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        read(msg);
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      other.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      end();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("{}: {} failed", what, name, cause);
      end();
    }
  }
}
