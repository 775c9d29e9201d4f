package io.nauta.node.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WebSocket ⇄ SPDY translation of one exec session, without a network. */
class RemoteCommandBridgeTest {
  private final EmbeddedChannel ws = new EmbeddedChannel();
  private final EmbeddedChannel spdy = new EmbeddedChannel();

  private RemoteCommandBridge bridge(boolean tty) {
    var b =
        new RemoteCommandBridge(
            ws, spdy, new RemoteCommandBridge.Streams(true, true, true, tty), true, "test");
    ws.pipeline().addLast(b.webSocketSide());
    spdy.pipeline().addLast(b.backendSide());
    b.start();
    return b;
  }

  private List<Object> sentToRuntime() {
    List<Object> out = new ArrayList<>();
    for (Object o; (o = spdy.readOutbound()) != null; ) {
      out.add(o);
    }
    return out;
  }

  private static BinaryWebSocketFrame message(int channel, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[t.length + 1];
    b[0] = (byte) channel;
    System.arraycopy(t, 0, b, 1, t.length);
    return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(b));
  }

  @Test
  void opensOneStreamPerChannelLikeKubectlsSpdyClient() {
    bridge(false);
    assertThat(sentToRuntime())
        .map(
            f ->
                ((SpdySynStreamFrame) f).streamId()
                    + "="
                    + ((SpdySynStreamFrame) f).headers().get("streamtype"))
        .containsExactly("1=error", "3=stdin", "5=stdout", "7=stderr");
  }

  @Test
  void withATerminalStderrIsMergedAndResizeHasAStream() {
    bridge(true);
    assertThat(sentToRuntime())
        .map(f -> ((SpdySynStreamFrame) f).headers().get("streamtype"))
        .containsExactly("error", "stdin", "stdout", "resize");
  }

  @Test
  void stdinWaitsForTheRuntimeToAcceptItsStreamThenEndsOnTheCloseSignal() {
    bridge(false);
    sentToRuntime();
    ws.writeInbound(message(ChannelFrames.STDIN, "hello"));
    ws.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 255, 0})));
    assertThat(sentToRuntime()).isEmpty();

    spdy.writeInbound(new DefaultSpdySynReplyFrame(3));
    List<Object> sent = sentToRuntime();
    assertThat(sent).hasSize(2);
    SpdyDataFrame data = (SpdyDataFrame) sent.get(0);
    assertThat(data.streamId()).isEqualTo(3);
    assertThat(data.content().toString(StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(data.isLast()).isFalse();
    SpdyDataFrame fin = (SpdyDataFrame) sent.get(1);
    assertThat(fin.isLast()).isTrue();
    assertThat(fin.content().readableBytes()).isZero();

    ws.writeInbound(message(ChannelFrames.STDIN, "too late"));
    assertThat(sentToRuntime()).isEmpty();
  }

  @Test
  void outputAndStatusGoToTheirChannelsAndTheEndClosesTheWebSocketNormally() {
    bridge(false);
    spdy.writeInbound(
        new DefaultSpdyDataFrame(5, Unpooled.copiedBuffer("out", StandardCharsets.UTF_8)));
    spdy.writeInbound(
        new DefaultSpdyDataFrame(7, Unpooled.copiedBuffer("err", StandardCharsets.UTF_8)));
    String status = "{\"metadata\":{},\"status\":\"Success\"}";
    spdy.writeInbound(
        new DefaultSpdyDataFrame(1, Unpooled.copiedBuffer(status, StandardCharsets.UTF_8)));
    spdy.writeInbound(new DefaultSpdyGoAwayFrame(0));

    assertThat(received()).containsExactly("1:out", "2:err", "3:" + status);
    CloseWebSocketFrame close = ws.readOutbound();
    assertThat(close.statusCode()).isEqualTo(1000);
    assertThat(spdy.isOpen()).isFalse();
  }

  @Test
  void aRuntimeThatEndsWithoutAStatusIsReportedAsAFailure() {
    bridge(false);
    spdy.close();
    List<String> got = received();
    assertThat(got).hasSize(1);
    assertThat(got.get(0)).startsWith("3:").contains("\"status\":\"Failure\"");
  }

  @Test
  void pingsAreAnswered() {
    bridge(false);
    ws.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("p", StandardCharsets.UTF_8)));
    PongWebSocketFrame pong = ws.readOutbound();
    assertThat(pong.content().toString(StandardCharsets.UTF_8)).isEqualTo("p");
    pong.release();
  }

  private List<String> received() {
    List<String> out = new ArrayList<>();
    for (Object o; (o = ws.readOutbound()) != null; ) {
      if (o instanceof BinaryWebSocketFrame f) {
        int channel = f.content().readUnsignedByte();
        out.add(channel + ":" + f.content().toString(StandardCharsets.UTF_8));
        f.release();
      } else {
        // the close comes last; put it back for the caller
        ws.outboundMessages().add(o);
        break;
      }
    }
    return out;
  }
}
