package io.nauta.node.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request to the agent and the ways to answer it: a response, a streamed body, or a switch to
 * another protocol (WebSocket, or whatever a backend answered 101 with). Exactly one answer per
 * request; later ones are ignored. Thread-safe.
 */
public final class AgentRequest {
  /** The largest WebSocket message accepted (kubectl writes stdin in 32 KiB pieces). */
  static final int MAX_MESSAGE = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ChannelHandlerContext ctx;
  private final FullHttpRequest head;
  private final QueryStringDecoder query;
  private final AtomicBoolean answered = new AtomicBoolean();

  AgentRequest(ChannelHandlerContext ctx, FullHttpRequest head) {
    this.ctx = ctx;
    this.head = head;
    this.query = new QueryStringDecoder(head.uri(), StandardCharsets.UTF_8);
  }

  public String method() {
    return head.method().name();
  }

  /** The decoded path, without the query. */
  public String path() {
    return query.path();
  }

  /** The first value of a query parameter, or null. */
  public String param(String name) {
    List<String> v = query.parameters().get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Every value of a query parameter (in order), empty when absent. */
  public List<String> params(String name) {
    return query.parameters().getOrDefault(name, List.of());
  }

  /** A boolean parameter as Kubernetes reads one ({@code true} or {@code 1}). */
  public boolean flag(String name) {
    String v = param(name);
    return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
  }

  public HttpHeaders headers() {
    return head.headers();
  }

  /** Whether this asks for a WebSocket connection. */
  public boolean isWebSocket() {
    return "websocket".equalsIgnoreCase(head.headers().get(HttpHeaderNames.UPGRADE));
  }

  /** Whether this asks to switch protocols (WebSocket, SPDY). */
  public boolean isUpgrade() {
    return head.headers().contains(HttpHeaderNames.UPGRADE);
  }

  /** The client connection (for protocol switches and backends on its event loop). */
  public Channel channel() {
    return ctx.channel();
  }

  /** True while the client is connected. */
  public boolean isOpen() {
    return ctx.channel().isActive();
  }

  /** Sends a complete response and closes the connection. */
  public void send(int status, String contentType, byte[] body) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    var r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  /** Answers with a Kubernetes Status object (a failure). */
  public void sendStatus(int code, String reason, String message) {
    ObjectNode s = JSON.createObjectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    send(code, "application/json", s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Starts a 200 response whose body is written as it comes (chunked); each flush sends what was
   * written and waits until the connection took it. Closing the stream ends the response. Writes
   * fail with an {@link IOException} once the client is gone.
   */
  public OutputStream stream(String contentType) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    HttpUtil.setTransferEncodingChunked(r, true);
    ctx.writeAndFlush(r);
    return new BufferedOutputStream(new ChunkedBody(), 16 * 1024);
  }

  private final class ChunkedBody extends OutputStream {
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      if (closed || !ctx.channel().isActive()) {
        throw new IOException("the client went away");
      }
      var f = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(b, off, len)));
      try {
        f.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
      if (!f.isSuccess()) {
        throw new IOException("the client went away", f.cause());
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
            .addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  /** Runs {@code task} on the connection's event loop: now when already there, else soon. */
  private void onLoop(Runnable task) {
    if (ctx.executor().inEventLoop()) {
      task.run();
    } else {
      ctx.executor().execute(task);
    }
  }

  /**
   * Switches the connection away from HTTP: sends {@code response} (a 101 Switching Protocols),
   * then hands every byte the client sends to {@code handler}, which owns the connection from then.
   */
  public void switchProtocols(HttpResponse response, ChannelHandler handler) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    onLoop(
        () -> {
          ChannelPipeline p = ctx.pipeline();
          ctx.writeAndFlush(response);
          p.remove("aggregator");
          p.addLast("upgraded", handler);
          p.remove("http");
          p.remove("dispatcher");
        });
  }

  /**
   * Accepts the WebSocket the client asked for, offering {@code subprotocols} (comma-separated, in
   * preference order; the client's first one offered here wins); whole messages then go to {@code
   * handler}. A client that asked for none of them is refused with 400.
   */
  public void acceptWebSocket(String subprotocols, ChannelHandler handler) {
    String offered = head.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, "");
    boolean any =
        List.of(offered.split(",")).stream()
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .anyMatch(
                s ->
                    List.of(subprotocols.toLowerCase(Locale.ROOT).split(",")).stream()
                        .anyMatch(s::equals));
    if (!any) {
      sendStatus(
          400,
          "BadRequest",
          "none of the requested WebSocket subprotocols ["
              + offered
              + "] is supported; supported: "
              + subprotocols);
      return;
    }
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    onLoop(
        () -> {
          WebSocketServerHandshaker hs =
              new WebSocketServerHandshakerFactory(
                      "wss://agent" + head.uri(), subprotocols, false, MAX_MESSAGE)
                  .newHandshaker(head);
          if (hs == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
          }
          ChannelPipeline p = ctx.pipeline();
          p.remove("aggregator");
          p.addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE));
          p.addLast("upgraded", handler);
          p.remove("dispatcher");
          hs.handshake(ctx.channel(), head)
              .addListener(
                  f -> {
                    if (!f.isSuccess()) {
                      ctx.close();
                    }
                  });
        });
  }
}
