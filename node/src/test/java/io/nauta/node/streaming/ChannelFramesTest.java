package io.nauta.node.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChannelFramesTest {

  @Test
  void dataCarriesItsChannelInTheFirstByte() {
    ByteBuf m = Unpooled.wrappedBuffer(new byte[] {0, 'h', 'i'});
    var decoded = ChannelFrames.decode(m, true);
    assertThat(decoded).isInstanceOf(ChannelFrames.Data.class);
    var data = (ChannelFrames.Data) decoded;
    assertThat(data.channel()).isEqualTo(ChannelFrames.STDIN);
    assertThat(data.data().toString(StandardCharsets.UTF_8)).isEqualTo("hi");
    data.data().release();
  }

  @Test
  void v5CloseSignalNamesTheClosedStream() {
    assertThat(ChannelFrames.decode(Unpooled.wrappedBuffer(new byte[] {(byte) 255, 0}), true))
        .isEqualTo(new ChannelFrames.Closed(ChannelFrames.STDIN));
    assertThat(ChannelFrames.decode(Unpooled.wrappedBuffer(new byte[] {(byte) 255}), true))
        .isInstanceOf(ChannelFrames.Invalid.class);
    assertThat(ChannelFrames.decode(Unpooled.wrappedBuffer(new byte[] {(byte) 255, 0, 1}), true))
        .isInstanceOf(ChannelFrames.Invalid.class);
  }

  @Test
  void v4HasNoCloseSignal() {
    var decoded = ChannelFrames.decode(Unpooled.wrappedBuffer(new byte[] {(byte) 255, 0}), false);
    assertThat(decoded).isInstanceOf(ChannelFrames.Data.class);
    assertThat(((ChannelFrames.Data) decoded).channel()).isEqualTo(255);
    ((ChannelFrames.Data) decoded).data().release();
  }

  @Test
  void anEmptyMessageIsInvalid() {
    assertThat(ChannelFrames.decode(Unpooled.EMPTY_BUFFER, true))
        .isInstanceOf(ChannelFrames.Invalid.class);
  }

  @Property
  void encodeThenDecodeRoundTrips(@ForAll @IntRange(max = 254) int channel, @ForAll byte[] data) {
    ByteBuf m =
        ChannelFrames.encode(ByteBufAllocator.DEFAULT, channel, Unpooled.wrappedBuffer(data));
    assertThat(m.getUnsignedByte(0)).isEqualTo((short) channel);
    var decoded = (ChannelFrames.Data) ChannelFrames.decode(m, true);
    assertThat(decoded.channel()).isEqualTo(channel);
    assertThat(ByteBufUtil.getBytes(decoded.data())).isEqualTo(data);
    decoded.data().release();
    m.release();
  }
}
