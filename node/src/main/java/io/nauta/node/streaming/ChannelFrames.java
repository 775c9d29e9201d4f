package io.nauta.node.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * The channel framing of Kubernetes' WebSocket remote command protocols: each binary message starts
 * with one byte naming its stream (0 stdin, 1 stdout, 2 stderr, 3 error/status, 4 resize); {@code
 * v5.channel.k8s.io} adds the message {@code [255, n]} meaning "stream n is closed" (kubectl sends
 * it when its stdin ends). Pure.
 */
public final class ChannelFrames {
  public static final String V5 = "v5.channel.k8s.io";
  public static final String V4 = "v4.channel.k8s.io";
  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  public static final int ERROR = 3;
  public static final int RESIZE = 4;
  public static final int CLOSE = 255;

  private ChannelFrames() {}

  /** A decoded message. */
  public sealed interface Message {}

  /** Data for a stream; {@code data} is a retained slice the receiver releases. */
  public record Data(int channel, ByteBuf data) implements Message {}

  /** The peer will send no more on {@code channel}. */
  public record Closed(int channel) implements Message {}

  /** Not a valid message (empty, or a malformed close signal). */
  public record Invalid(String reason) implements Message {}

  /**
   * Decodes one binary message (not released here).
   *
   * @param closeSignal whether the protocol has the close signal (v5)
   */
  public static Message decode(ByteBuf message, boolean closeSignal) {
    if (!message.isReadable()) {
      return new Invalid("empty message");
    }
    int channel = message.getUnsignedByte(message.readerIndex());
    if (closeSignal && channel == CLOSE) {
      if (message.readableBytes() != 2) {
        return new Invalid("a close signal names exactly one stream");
      }
      return new Closed(message.getUnsignedByte(message.readerIndex() + 1));
    }
    return new Data(
        channel, message.retainedSlice(message.readerIndex() + 1, message.readableBytes() - 1));
  }

  /** A message carrying {@code data} (ownership passes to the message) on {@code channel}. */
  public static ByteBuf encode(ByteBufAllocator alloc, int channel, ByteBuf data) {
    CompositeByteBuf out = alloc.compositeBuffer(2);
    out.addComponent(true, alloc.buffer(1).writeByte(channel));
    out.addComponent(true, data);
    return out;
  }
}
