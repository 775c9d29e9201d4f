package io.nauta.node.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authenticates each request by its TLS client certificate and runs the handler for it. */
final class AgentDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(AgentDispatcher.class);
  private final ClientAuthenticator authenticator;
  private final AgentHandler handler;
  private final ExecutorService workers;

  AgentDispatcher(
      ClientAuthenticator authenticator, AgentHandler handler, ExecutorService workers) {
    this.authenticator = authenticator;
    this.handler = handler;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    // a copy without the (empty) body: the handler may outlive this call
    FullHttpRequest head =
        new DefaultFullHttpRequest(
            msg.protocolVersion(),
            msg.method(),
            msg.uri(),
            Unpooled.EMPTY_BUFFER,
            msg.headers().copy(),
            msg.trailingHeaders().copy());
    AgentRequest request = new AgentRequest(ctx, head);
    X509Certificate[] chain = peerChain(ctx);
    if (chain == null) {
      request.sendStatus(401, "Unauthorized", "Unauthorized");
      return;
    }
    Optional<String> user = authenticator.authenticate(chain);
    if (user.isEmpty()) {
      request.sendStatus(
          403,
          "Forbidden",
          "Forbidden (user="
              + ClientAuthenticator.commonName(chain[0]).orElse("")
              + ", verb="
              + msg.method().name().toLowerCase(java.util.Locale.ROOT)
              + ", path="
              + request.path()
              + ")");
      return;
    }
    workers.execute(
        () -> {
          try {
            handler.handle(request);
          } catch (Throwable t) {
            LOG.info("agent request {} {} failed", msg.method(), request.path(), t);
            request.sendStatus(500, "InternalError", "internal error: " + t.getMessage());
          }
        });
  }

  private static X509Certificate[] peerChain(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return null;
    }
    try {
      Certificate[] certs = ssl.engine().getSession().getPeerCertificates();
      X509Certificate[] out = new X509Certificate[certs.length];
      for (int i = 0; i < certs.length; i++) {
        out[i] = (X509Certificate) certs[i];
      }
      return out.length == 0 ? null : out;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("agent connection failed", cause);
    ctx.close();
  }
}
