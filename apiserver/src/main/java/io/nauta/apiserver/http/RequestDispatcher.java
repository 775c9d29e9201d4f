package io.nauta.apiserver.http;

import io.nauta.apiserver.auth.Authenticator;
import io.nauta.apiserver.auth.UserInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Collects one request's body (bounded), authenticates it and hands it to the {@link
 * RequestHandler} on a virtual thread. A body over the limit is answered with 413 without reading
 * the rest.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
  private final Authenticator authenticator;
  private final RequestHandler handler;
  private final ExecutorService workers;
  private final int maxBodyBytes;
  private final boolean http2;
  private HttpRequest head;
  private CompositeByteBuf body;
  private boolean discarding;

  RequestDispatcher(
      Authenticator authenticator,
      RequestHandler handler,
      ExecutorService workers,
      int maxBodyBytes,
      boolean http2) {
    this.authenticator = authenticator;
    this.handler = handler;
    this.workers = workers;
    this.maxBodyBytes = maxBodyBytes;
    this.http2 = http2;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest req) {
        head = req;
        discarding = false;
        releaseBody();
        body = ctx.alloc().compositeBuffer(1024);
        if (HttpUtil.getContentLength(req, -1L) > maxBodyBytes) {
          tooLarge(ctx);
        }
      }
      if (msg instanceof HttpContent content && head != null) {
        if (!discarding) {
          ByteBuf data = content.content();
          if (body.readableBytes() + data.readableBytes() > maxBodyBytes) {
            tooLarge(ctx);
          } else if (data.isReadable()) {
            body.addComponent(true, data.retain());
          }
        }
        if (msg instanceof LastHttpContent) {
          if (!discarding) {
            dispatch(ctx);
          }
          head = null;
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void tooLarge(ChannelHandlerContext ctx) {
    discarding = true;
    releaseBody();
    NettyResponder r = new NettyResponder(ctx, head, http2);
    r.sendStatus(
        413,
        "RequestEntityTooLarge",
        "the request body is larger than the limit of " + maxBodyBytes + " bytes");
    if (!http2) {
      r.closeAfterResponse();
    }
  }

  private void dispatch(ChannelHandlerContext ctx) {
    byte[] bytes = ByteBufUtil.getBytes(body);
    releaseBody();
    HttpRequest req = head;
    QueryStringDecoder qs = new QueryStringDecoder(req.uri(), StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    req.headers()
        .forEach(
            e ->
                headers.merge(
                    e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> a + "," + b));
    NettyResponder responder = new NettyResponder(ctx, req, http2);
    UserInfo user =
        authenticator
            .authenticate(peerChain(ctx.channel()), headers.get("authorization"))
            .orElse(null);
    HttpRequestData data =
        new HttpRequestData(req.method().name(), qs.path(), qs.parameters(), headers, bytes, user);
    workers.execute(
        () -> {
          try {
            handler.handle(data, responder);
          } catch (Throwable t) {
            responder.sendStatus(500, "InternalError", "internal error: " + t);
          }
        });
  }

  private static X509Certificate[] peerChain(Channel ch) {
    Channel c = ch;
    while (c != null) {
      SslHandler ssl = c.pipeline().get(SslHandler.class);
      if (ssl != null) {
        try {
          Certificate[] certs = ssl.engine().getSession().getPeerCertificates();
          X509Certificate[] out = new X509Certificate[certs.length];
          for (int i = 0; i < certs.length; i++) {
            out[i] = (X509Certificate) certs[i];
          }
          return out;
        } catch (SSLPeerUnverifiedException e) {
          return null;
        }
      }
      c = c.parent();
    }
    return null;
  }

  private void releaseBody() {
    if (body != null) {
      body.release();
      body = null;
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseBody();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    releaseBody();
    ctx.close();
  }
}
