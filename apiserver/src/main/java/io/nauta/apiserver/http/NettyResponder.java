package io.nauta.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link Responder} over a Netty channel (an HTTP/1.1 connection or an HTTP/2 stream). */
final class NettyResponder implements Responder {
  private final ChannelHandlerContext ctx;
  private final boolean keepAlive;
  private final boolean http2;
  private final AtomicBoolean answered = new AtomicBoolean();
  private volatile boolean closeAfter;

  NettyResponder(ChannelHandlerContext ctx, HttpRequest request, boolean http2) {
    this.ctx = ctx;
    this.http2 = http2;
    this.keepAlive = http2 || HttpUtil.isKeepAlive(request);
  }

  void closeAfterResponse() {
    closeAfter = true;
  }

  /** Sends a minimal Status JSON; used by the transport itself (413, 500). */
  void sendStatus(int code, String reason, String message) {
    if (answered.compareAndSet(false, true)) {
      writeStatus(code, reason, message);
    }
  }

  /** Writes a Status answer for a request already being answered by a proxy that failed early. */
  void writeStatus(int code, String reason, String message) {
    String json =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":"
            + quote(message)
            + ",\"reason\":\""
            + reason
            + "\",\"code\":"
            + code
            + "}";
    write(code, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  @Override
  public void send(int status, String contentType, byte[] body, Map<String, String> headers) {
    if (answered.compareAndSet(false, true)) {
      write(status, contentType, body, headers);
    }
  }

  @Override
  public void proxy(Upstream upstream) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
    new UpstreamProxy(ctx, http2, keepAlive && !closeAfter, this).start(upstream);
  }

  private void write(int status, String contentType, byte[] body, Map<String, String> headers) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
    headers.forEach((name, value) -> r.headers().set(name, value));
    boolean close = !keepAlive || closeAfter;
    if (!http2 && !close) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    var f = ctx.writeAndFlush(r);
    if (close && !http2) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public Stream stream(String contentType) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
    if (!http2) {
      HttpUtil.setTransferEncodingChunked(r, true);
    }
    ctx.writeAndFlush(r);
    return new NettyStream();
  }

  private final class NettyStream implements Stream {
    private final AtomicBoolean ended = new AtomicBoolean();
    private final java.util.List<Runnable> closers =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void write(byte[] chunk) {
      if (isOpen()) {
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
      }
    }

    @Override
    public void end() {
      if (ended.compareAndSet(false, true) && ctx.channel().isActive()) {
        var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive && !http2) {
          f.addListener(ChannelFutureListener.CLOSE);
        }
      }
      closers.forEach(Runnable::run);
    }

    @Override
    public void onClose(Runnable action) {
      AtomicBoolean once = new AtomicBoolean();
      Runnable guarded =
          () -> {
            if (once.compareAndSet(false, true)) {
              action.run();
            }
          };
      ctx.channel().closeFuture().addListener(f -> guarded.run());
      closers.add(guarded);
      if (!ctx.channel().isActive()) {
        guarded.run();
      }
    }

    @Override
    public boolean isOpen() {
      return !ended.get() && ctx.channel().isActive();
    }
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
