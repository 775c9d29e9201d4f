package io.nauta.node.streaming;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.List;

/**
 * Opens a connection to a container runtime's streaming server and asks it to switch to SPDY
 * ({@code Upgrade: SPDY/3.1} with the offered {@code X-Stream-Protocol-Version}s). On the 101 the
 * HTTP codec leaves the pipeline, the caller installs its handlers, and any bytes that came right
 * behind the answer are passed to them. The connection lives on the given event loop (the
 * client's).
 */
final class BackendUpgrade {
  static final String PROTOCOL_HEADER = "X-Stream-Protocol-Version";

  /** What became of the attempt; called on the event loop. */
  interface Listener {
    /** The backend switched protocols: install handlers on {@code backend} now. */
    void upgraded(Channel backend, FullHttpResponse response);

    /**
     * The backend refused ({@code status} and body as it answered) or could not be reached ({@code
     * status} 0, {@code cause} set).
     */
    void failed(int status, String contentType, byte[] body, Throwable cause);
  }

  private BackendUpgrade() {}

  static void connect(EventLoop loop, URI url, List<String> protocols, Listener listener) {
    int port = url.getPort() > 0 ? url.getPort() : 80;
    new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast("http", new HttpClientCodec())
                    .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                    .addLast("waiter", new Waiter(listener));
              }
            })
        .connect(url.getHost(), port)
        .addListener(
            (io.netty.channel.ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    listener.failed(0, "", new byte[0], f.cause());
                    return;
                  }
                  String target =
                      url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
                  var request =
                      new DefaultFullHttpRequest(
                          HttpVersion.HTTP_1_1, HttpMethod.POST, target, Unpooled.EMPTY_BUFFER);
                  request.headers().set(HttpHeaderNames.HOST, url.getHost() + ":" + port);
                  request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
                  request.headers().set(HttpHeaderNames.UPGRADE, "SPDY/3.1");
                  request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                  for (String p : protocols) {
                    request.headers().add(PROTOCOL_HEADER, p);
                  }
                  f.channel().writeAndFlush(request);
                });
  }

  private static final class Waiter extends ChannelInboundHandlerAdapter {
    private final Listener listener;
    private boolean answered;
    private boolean upgraded;
    private CompositeByteBuf early;

    Waiter(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (upgraded) {
        // raw bytes right behind the 101, passed on by the leaving codec: kept for the new handlers
        if (msg instanceof ByteBuf b) {
          early.addComponent(true, b);
        } else {
          ReferenceCountUtil.release(msg);
        }
        return;
      }
      if (!(msg instanceof FullHttpResponse response)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      try {
        answered = true;
        if (response.status().code() != 101) {
          listener.failed(
              response.status().code(),
              response.headers().get(HttpHeaderNames.CONTENT_TYPE, "text/plain"),
              ByteBufUtil.getBytes(response.content()),
              null);
          ctx.close();
          return;
        }
        // HTTP leaves first: the new handlers may write (SPDY frames) as soon as they are added
        upgraded = true;
        early = ctx.alloc().compositeBuffer();
        ctx.pipeline().remove("aggregator");
        ctx.pipeline().remove("http");
        listener.upgraded(ctx.channel(), response);
        if (early.isReadable()) {
          ctx.fireChannelRead(early);
        } else {
          early.release();
        }
        ctx.pipeline().remove(this);
      } finally {
        response.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!answered) {
        answered = true;
        listener.failed(
            0,
            "",
            new byte[0],
            new java.io.IOException("the streaming server closed the connection"));
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!answered) {
        answered = true;
        listener.failed(0, "", new byte[0], cause);
      }
      ctx.close();
    }
  }
}
