package io.nauta.apiserver.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * Forwards one request to an {@link Upstream} and its answer back to the client, on the client's
 * event loop: the status, content type and body as they stream in (a followed log), or, when the
 * upstream switches protocols (101, for WebSocket or SPDY), the 101 and then raw bytes both ways
 * until either side closes. Reading pauses while the other side cannot take more.
 */
final class UpstreamProxy {
  private final ChannelHandlerContext client;
  private final boolean http2;
  private final boolean keepAlive;
  private final NettyResponder responder;
  private Channel upstream;
  private boolean headSent;
  private boolean finished;

  UpstreamProxy(
      ChannelHandlerContext client, boolean http2, boolean keepAlive, NettyResponder responder) {
    this.client = client;
    this.http2 = http2;
    this.keepAlive = keepAlive;
    this.responder = responder;
  }

  void start(Upstream target) {
    Channel socket = socketOf(client.channel());
    new Bootstrap()
        .group(client.channel().eventLoop())
        .channel(
            socket instanceof EpollSocketChannel
                ? EpollSocketChannel.class
                : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                if (target.tls() != null) {
                  p.addLast(
                      "tls", target.tls().newHandler(ch.alloc(), target.host(), target.port()));
                }
                p.addLast("http", new HttpClientCodec());
                p.addLast("answer", new Answer());
              }
            })
        .connect(target.host(), target.port())
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    unreachable(target, f.cause());
                    return;
                  }
                  upstream = f.channel();
                  // a client gone closes the upstream; on a kept-alive connection the listener
                  // must not outlive this request
                  GenericFutureListener<Future<? super Void>> closer = c -> upstream.close();
                  client.channel().closeFuture().addListener(closer);
                  upstream
                      .closeFuture()
                      .addListener(c -> client.channel().closeFuture().removeListener(closer));
                  var request =
                      new DefaultFullHttpRequest(
                          HttpVersion.HTTP_1_1,
                          HttpMethod.valueOf(target.method()),
                          target.target(),
                          Unpooled.wrappedBuffer(target.body()));
                  target.headers().forEach(h -> request.headers().add(h.getKey(), h.getValue()));
                  request.headers().set(HttpHeaderNames.HOST, target.host() + ":" + target.port());
                  request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, target.body().length);
                  upstream.writeAndFlush(request);
                });
  }

  private void unreachable(Upstream target, Throwable cause) {
    responder.writeStatus(
        503,
        "ServiceUnavailable",
        "error trying to reach the node agent at "
            + target.host()
            + ":"
            + target.port()
            + ": "
            + (cause == null ? "connection closed" : cause.getMessage()));
  }

  /** The upstream connection's answer, turned into the client's. */
  private final class Answer extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpResponse head) {
        if (head.status().code() == 101 && !http2) {
          switchProtocols(ctx, head);
          ReferenceCountUtil.release(msg);
          return;
        }
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, head.status());
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null) {
          r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        }
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
        if (!http2) {
          HttpUtil.setTransferEncodingChunked(r, true);
        }
        headSent = true;
        client.writeAndFlush(r);
      }
      if (msg instanceof HttpContent content) {
        if (content.content().isReadable()) {
          client
              .writeAndFlush(new DefaultHttpContent(content.content().retain()))
              .addListener(f -> ctx.channel().config().setAutoRead(true));
          if (!client.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
          }
        }
        if (msg instanceof LastHttpContent) {
          finish();
          ctx.close();
        }
      }
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!headSent) {
        headSent = true;
        finished = true;
        responder.writeStatus(
            502, "InternalError", "the node agent closed the connection without an answer");
      } else {
        finish();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!headSent) {
        headSent = true;
        finished = true;
        responder.writeStatus(
            502, "InternalError", "error talking to the node agent: " + cause.getMessage());
      }
      ctx.close();
    }
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    var f = client.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    if (!keepAlive && !http2) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * The 101 goes to the client with the upstream's headers; then both connections drop HTTP and
   * relay bytes (anything the upstream sent right after its 101 follows once the codec leaves).
   */
  private void switchProtocols(ChannelHandlerContext upstreamCtx, HttpResponse head) {
    headSent = true;
    finished = true;
    var switched =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, head.status(), Unpooled.EMPTY_BUFFER);
    switched.headers().set(head.headers());
    Channel clientChannel = client.channel();
    ChannelPipeline cp = client.pipeline();
    client.writeAndFlush(switched);
    cp.addLast("relay", new Relay(upstream));
    if (cp.get(HttpServerExpectContinueHandler.class) != null) {
      cp.remove(HttpServerExpectContinueHandler.class);
    }
    cp.remove(client.handler());
    cp.remove(HttpServerCodec.class);
    ChannelPipeline up = upstreamCtx.pipeline();
    up.addLast("relay", new Relay(clientChannel));
    up.remove("answer");
    up.remove("http");
  }

  /** One direction of the byte relay after a protocol switch. */
  private static final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel peer;

    Relay(Channel peer) {
      this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof ByteBuf)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      peer.writeAndFlush(msg);
      if (!peer.isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      peer.config().setAutoRead(ctx.channel().isWritable());
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (peer.isActive()) {
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** The TCP connection under a channel (an HTTP/2 stream's parent). */
  private static Channel socketOf(Channel ch) {
    Channel c = ch;
    while (c != null && !(c instanceof SocketChannel)) {
      c = c.parent();
    }
    return c == null ? ch : c;
  }
}
