package io.nauta.node.streaming;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
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
import java.net.URI;
import java.util.List;

/**
 * Opens a connection to a container runtime's streaming server and asks it to switch to SPDY
 * ({@code Upgrade: SPDY/3.1} with the offered {@code X-Stream-Protocol-Version}s). On the 101 the
 * caller installs its handlers; the HTTP codec then leaves the pipeline, passing on any bytes that
 * came right after the answer. The connection lives on the given event loop (the client's).
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

  private static final class Waiter extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final Listener listener;
    private boolean answered;

    Waiter(Listener listener) {
      this.listener = listener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
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
      listener.upgraded(ctx.channel(), response);
      ctx.pipeline().remove("aggregator");
      ctx.pipeline().remove(this);
      ctx.pipeline().remove("http");
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
