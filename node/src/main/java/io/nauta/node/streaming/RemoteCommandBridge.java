package io.nauta.node.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec or attach session between kubectl's WebSocket ({@code v5.channel.k8s.io} or {@code v4})
 * and the runtime's SPDY connection ({@code v4.channel.k8s.io}): one SPDY stream per channel
 * (error, then stdin, stdout, stderr unless a TTY, resize with a TTY), data copied both ways, the
 * v5 close signal sent as the end of the stdin stream. What kubectl sends on a stream before the
 * runtime accepted it waits (the runtime drops data on a stream it has not replied to). When the
 * runtime ends the connection (after writing the Status on the error stream), the WebSocket is
 * closed normally, which kubectl takes as the end of every stream. Confined to one event loop.
 */
final class RemoteCommandBridge extends WebSocketBridge {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteCommandBridge.class);
  private static final Object FIN = new Object();

  /** Which streams the command has. */
  record Streams(boolean stdin, boolean stdout, boolean stderr, boolean tty) {}

  private final Channel spdy;
  private final boolean closeSignal;
  private final Map<String, Integer> ids = new HashMap<>();
  private final Map<Integer, Integer> toChannel = new HashMap<>();
  private final Set<Integer> replied = new HashSet<>();
  private final Set<Integer> finished = new HashSet<>();
  private final Map<Integer, ArrayDeque<Object>> waiting = new HashMap<>();
  private boolean statusSent;

  /**
   * @param closeSignal whether kubectl's protocol has the close signal (v5)
   * @param what the session, for logs (e.g. {@code exec default/web/c})
   */
  RemoteCommandBridge(Channel ws, Channel spdy, Streams streams, boolean closeSignal, String what) {
    super(ws, spdy, what);
    this.spdy = spdy;
    this.closeSignal = closeSignal;
    int next = 1;
    ids.put("error", next);
    toChannel.put(next, ChannelFrames.ERROR);
    if (streams.stdin()) {
      ids.put("stdin", next += 2);
    }
    if (streams.stdout()) {
      ids.put("stdout", next += 2);
      toChannel.put(next, ChannelFrames.STDOUT);
    }
    if (streams.stderr() && !streams.tty()) {
      ids.put("stderr", next += 2);
      toChannel.put(next, ChannelFrames.STDERR);
    }
    if (streams.tty()) {
      ids.put("resize", next += 2);
    }
  }

  /** Opens the streams toward the runtime (in the order kubectl's SPDY client does). */
  void start() {
    ids.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            e -> {
              var syn = new DefaultSpdySynStreamFrame(e.getValue(), 0, (byte) 0);
              syn.headers().set("streamtype", e.getKey());
              spdy.write(syn);
            });
    spdy.flush();
  }

  @Override
  void fromWebSocket(ByteBuf message) {
    fromKubectl(message);
  }

  @Override
  void fromBackend(Object message) {
    switch (message) {
      case SpdySynReplyFrame reply -> replied(reply.streamId());
      case SpdyDataFrame data -> fromRuntime(data);
      case SpdyRstStreamFrame rst -> finished.add(rst.streamId());
      case SpdyPingFrame ping -> spdy.writeAndFlush(new DefaultSpdyPingFrame(ping.id()));
      case SpdyGoAwayFrame goAway -> end();
      default -> {}
    }
  }

  private void fromKubectl(ByteBuf message) {
    switch (ChannelFrames.decode(message, closeSignal)) {
      case ChannelFrames.Data d -> {
        Integer id =
            switch (d.channel()) {
              case ChannelFrames.STDIN -> ids.get("stdin");
              case ChannelFrames.RESIZE -> ids.get("resize");
              default -> null;
            };
        if (id == null) {
          d.data().release();
        } else {
          send(id, d.data());
        }
      }
      case ChannelFrames.Closed c -> {
        Integer id = c.channel() == ChannelFrames.STDIN ? ids.get("stdin") : null;
        if (id != null) {
          send(id, FIN);
        }
      }
      case ChannelFrames.Invalid i -> LOG.debug("{}: ignoring a message: {}", what, i.reason());
    }
  }

  /** Sends data (or the end) on a stream, or keeps it until the runtime accepted the stream. */
  private void send(int id, Object dataOrFin) {
    if (finished.contains(id)) {
      ReferenceCountUtil.release(dataOrFin);
      return;
    }
    if (!replied.contains(id)) {
      waiting.computeIfAbsent(id, k -> new ArrayDeque<>()).add(dataOrFin);
      return;
    }
    if (dataOrFin == FIN) {
      finished.add(id);
      spdy.writeAndFlush(new DefaultSpdyDataFrame(id, Unpooled.EMPTY_BUFFER).setLast(true));
    } else {
      spdy.writeAndFlush(new DefaultSpdyDataFrame(id, (ByteBuf) dataOrFin));
    }
    if (!spdy.isWritable()) {
      ws.config().setAutoRead(false);
    }
  }

  private void replied(int id) {
    replied.add(id);
    ArrayDeque<Object> queued = waiting.remove(id);
    while (queued != null && !queued.isEmpty()) {
      send(id, queued.poll());
    }
  }

  private void fromRuntime(SpdyDataFrame data) {
    Integer channel = toChannel.get(data.streamId());
    if (channel == null || !data.content().isReadable()) {
      return;
    }
    if (channel == ChannelFrames.ERROR) {
      statusSent = true;
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{}: exit code {}",
            what,
            StreamStatus.exitCodeOf(ByteBufUtil.getBytes(data.content())));
      }
    }
    ws.writeAndFlush(
        new BinaryWebSocketFrame(
            ChannelFrames.encode(ws.alloc(), channel, data.content().retain())));
    if (!ws.isWritable()) {
      spdy.config().setAutoRead(false);
    }
  }

  @Override
  void onEnd() {
    waiting.values().forEach(q -> q.forEach(ReferenceCountUtil::release));
    waiting.clear();
  }

  /** kubectl gets a Status before the normal close, if the runtime sent none. */
  @Override
  void beforeClose() {
    if (!statusSent) {
      ws.write(
          new BinaryWebSocketFrame(
              ChannelFrames.encode(
                  ws.alloc(),
                  ChannelFrames.ERROR,
                  Unpooled.wrappedBuffer(
                      StreamStatus.failure(
                          "the container runtime ended the stream without an exit status")))));
    }
  }
}
