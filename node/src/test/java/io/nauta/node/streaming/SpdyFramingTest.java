package io.nauta.node.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The SPDY/3.1 framing the bridge relies on (Netty's codec, JDK zlib with the SPDY/3 dictionary):
 * what one side encodes, a separate session decodes to the same frames, header blocks included,
 * across several frames of one compression context, as containerd's SPDY peer would.
 */
class SpdyFramingTest {
  private final EmbeddedChannel client =
      new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final EmbeddedChannel server =
      new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));

  private <T> T roundTrip(Object frame, EmbeddedChannel from, EmbeddedChannel to) {
    assertThat(from.writeOutbound(frame)).isTrue();
    ByteBuf wire = Unpooled.buffer();
    for (ByteBuf b; (b = from.readOutbound()) != null; ) {
      wire.writeBytes(b);
      b.release();
    }
    to.writeInbound(wire);
    return to.readInbound();
  }

  @Test
  void synStreamHeadersSurviveCompressionAcrossFrames() {
    for (int id = 1; id <= 9; id += 2) {
      var syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
      syn.headers().set("streamtype", "type-" + id).set("port", "8080");
      SpdySynStreamFrame decoded = roundTrip(syn, client, server);
      assertThat(decoded.streamId()).isEqualTo(id);
      assertThat(decoded.headers().get("streamtype")).isEqualTo("type-" + id);
      assertThat(decoded.headers().get("port")).isEqualTo("8080");
      assertThat(decoded.isLast()).isFalse();
    }
  }

  @Test
  void aControlFrameStartsWithVersion3AndItsType() {
    client.writeOutbound(new DefaultSpdySynStreamFrame(1, 0, (byte) 0));
    ByteBuf wire = client.readOutbound();
    // control bit + version 3, then type 1 (SYN_STREAM)
    assertThat(wire.getUnsignedShort(0)).isEqualTo(0x8003);
    assertThat(wire.getUnsignedShort(2)).isEqualTo(1);
    wire.release();
  }

  @Test
  void repliesDataResetsPingsAndGoAwayRoundTrip() {
    var reply = new DefaultSpdySynReplyFrame(3);
    SpdySynReplyFrame r = roundTrip(reply, server, client);
    assertThat(r.streamId()).isEqualTo(3);

    var data =
        new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8))
            .setLast(true);
    SpdyDataFrame d = roundTrip(data, client, server);
    assertThat(d.streamId()).isEqualTo(3);
    assertThat(d.content().toString(StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(d.isLast()).isTrue();
    d.release();

    SpdyRstStreamFrame rst =
        roundTrip(new DefaultSpdyRstStreamFrame(5, SpdyStreamStatus.CANCEL), server, client);
    assertThat(rst.streamId()).isEqualTo(5);
    assertThat(rst.status()).isEqualTo(SpdyStreamStatus.CANCEL);

    SpdyPingFrame ping = roundTrip(new DefaultSpdyPingFrame(2), server, client);
    assertThat(ping.id()).isEqualTo(2);

    SpdyGoAwayFrame away = roundTrip(new DefaultSpdyGoAwayFrame(7), server, client);
    assertThat(away.lastGoodStreamId()).isEqualTo(7);
  }
}
