package io.nauta.node.streaming;

import io.nauta.node.server.AgentRequest;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Serves an exec, attach or port-forward request whose stream the runtime's streaming server (at
 * the URL CRI returned) carries; see the package documentation for the protocols. Errors before the
 * switch are answered as HTTP Status responses.
 */
public final class ContainerStreams {
  private static final String REMOTE_COMMAND_SUBPROTOCOLS =
      ChannelFrames.V5 + "," + ChannelFrames.V4;

  private ContainerStreams() {}

  /**
   * Streams an exec or attach session.
   *
   * @param what the session, for logs (e.g. {@code exec default/web/c})
   */
  public static void remoteCommand(
      AgentRequest request,
      URI runtime,
      boolean stdin,
      boolean stdout,
      boolean stderr,
      boolean tty,
      String what) {
    if (!request.isWebSocket()) {
      relaySpdy(request, runtime);
      return;
    }
    boolean v5 = ChannelFrames.V5.equals(chosenSubprotocol(request, REMOTE_COMMAND_SUBPROTOCOLS));
    Channel client = request.channel();
    BackendUpgrade.connect(
        client.eventLoop(),
        runtime,
        List.of(ChannelFrames.V4),
        new BackendUpgrade.Listener() {
          @Override
          public void upgraded(Channel backend, FullHttpResponse response) {
            var bridge =
                new RemoteCommandBridge(
                    client,
                    backend,
                    new RemoteCommandBridge.Streams(stdin, stdout, stderr, tty),
                    v5,
                    what);
            backend.pipeline().addLast(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
            backend.pipeline().addLast(bridge.backendSide());
            request.acceptWebSocket(REMOTE_COMMAND_SUBPROTOCOLS, bridge.webSocketSide());
            bridge.start();
          }

          @Override
          public void failed(int status, String contentType, byte[] body, Throwable cause) {
            refuse(request, status, body, cause);
          }
        });
  }

  /** Streams a port-forward session. */
  public static void portForward(AgentRequest request, URI runtime) {
    if (!request.isWebSocket()) {
      relaySpdy(request, runtime);
      return;
    }
    Channel client = request.channel();
    BackendUpgrade.connect(
        client.eventLoop(),
        runtime,
        List.of(PortForwardTunnel.PROTOCOL),
        new BackendUpgrade.Listener() {
          @Override
          public void upgraded(Channel backend, FullHttpResponse response) {
            var tunnel = new PortForwardTunnel(client, backend);
            backend.pipeline().addLast(tunnel.backendSide());
            request.acceptWebSocket(PortForwardTunnel.SUBPROTOCOL, tunnel.webSocketSide());
          }

          @Override
          public void failed(int status, String contentType, byte[] body, Throwable cause) {
            refuse(request, status, body, cause);
          }
        });
  }

  /** kubectl speaks SPDY itself: after the runtime's 101, bytes go through unchanged. */
  private static void relaySpdy(AgentRequest request, URI runtime) {
    if (!request.isUpgrade()) {
      request.sendStatus(400, "BadRequest", "Upgrade request required");
      return;
    }
    List<String> protocols = new ArrayList<>();
    for (String v : request.headers().getAll(BackendUpgrade.PROTOCOL_HEADER)) {
      for (String p : v.split(",")) {
        if (!p.isBlank()) {
          protocols.add(p.trim());
        }
      }
    }
    Channel client = request.channel();
    BackendUpgrade.connect(
        client.eventLoop(),
        runtime,
        protocols,
        new BackendUpgrade.Listener() {
          @Override
          public void upgraded(Channel backend, FullHttpResponse response) {
            var switched =
                new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
            for (var name :
                List.of(
                    HttpHeaderNames.CONNECTION.toString(),
                    HttpHeaderNames.UPGRADE.toString(),
                    BackendUpgrade.PROTOCOL_HEADER)) {
              String value = response.headers().get(name);
              if (value != null) {
                switched.headers().set(name, value);
              }
            }
            request.switchProtocols(switched, new RawRelay(backend));
            backend.pipeline().addLast(new RawRelay(client));
          }

          @Override
          public void failed(int status, String contentType, byte[] body, Throwable cause) {
            refuse(request, status, body, cause);
          }
        });
  }

  private static void refuse(AgentRequest request, int status, byte[] body, Throwable cause) {
    if (status == 0) {
      request.sendStatus(
          500,
          "InternalError",
          "error connecting to the container runtime's streaming server: "
              + (cause == null ? "closed" : cause.getMessage()));
    } else {
      String text = new String(body, StandardCharsets.UTF_8).trim();
      request.sendStatus(
          status,
          status == 400 ? "BadRequest" : status == 404 ? "NotFound" : "InternalError",
          text.isEmpty() ? "the container runtime refused the stream (" + status + ")" : text);
    }
  }

  /** The subprotocol a WebSocket handshake offering {@code supported} picks: the client's first. */
  static String chosenSubprotocol(AgentRequest request, String supported) {
    List<String> ours = List.of(supported.toLowerCase(Locale.ROOT).split(","));
    String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, "");
    for (String p : offered.split(",")) {
      if (ours.contains(p.trim().toLowerCase(Locale.ROOT))) {
        return p.trim();
      }
    }
    return "";
  }
}
