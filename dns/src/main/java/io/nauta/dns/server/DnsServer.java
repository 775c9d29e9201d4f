package io.nauta.dns.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * UDP and TCP listeners on one address and port (see the package description). TCP connections
 * carry length-prefixed messages (RFC 7766), may pipeline queries and are closed after 30 s without
 * one. Close stops both listeners.
 */
public final class DnsServer implements AutoCloseable {
  private static final int TCP_IDLE_SECONDS = 30;

  private final EventLoopGroup group;
  private final Channel udp;
  private final Channel tcp;

  private DnsServer(EventLoopGroup group, Channel udp, Channel tcp) {
    this.group = group;
    this.udp = udp;
    this.tcp = tcp;
  }

  /**
   * Listens on {@code address}:{@code port} (0 picks a port free for both UDP and TCP), handing
   * queries to {@code responder}; fails when the port is taken.
   */
  public static DnsServer start(Responder responder, InetAddress address, int port)
      throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try {
      for (int attempt = 0; ; attempt++) {
        Channel udp = bindUdp(group, responder, new InetSocketAddress(address, port));
        int bound = ((InetSocketAddress) udp.localAddress()).getPort();
        try {
          Channel tcp = bindTcp(group, responder, new InetSocketAddress(address, bound));
          return new DnsServer(group, udp, tcp);
        } catch (Exception e) {
          udp.close().sync();
          if (port != 0 || attempt >= 20) {
            throw e;
          }
        }
      }
    } catch (Exception e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static Channel bindUdp(EventLoopGroup group, Responder responder, InetSocketAddress at)
      throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(NioDatagramChannel.class)
        .option(ChannelOption.SO_RCVBUF, 4 << 20)
        .option(ChannelOption.SO_SNDBUF, 4 << 20)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(Responder.MAX_UDP))
        .handler(new UdpHandler(responder))
        .bind(at)
        .sync()
        .channel();
  }

  private static Channel bindTcp(EventLoopGroup group, Responder responder, InetSocketAddress at)
      throws InterruptedException {
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(new ReadTimeoutHandler(TCP_IDLE_SECONDS))
                    .addLast(new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2))
                    .addLast(new LengthFieldPrepender(2))
                    .addLast(new TcpHandler(responder));
              }
            })
        .bind(at)
        .sync()
        .channel();
  }

  /** The port both listeners are bound to. */
  public int port() {
    return ((InetSocketAddress) udp.localAddress()).getPort();
  }

  /** The address both listeners are bound to. */
  public InetAddress address() {
    return ((InetSocketAddress) udp.localAddress()).getAddress();
  }

  @Override
  public void close() {
    udp.close().syncUninterruptibly();
    tcp.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Answers datagrams; replies computed in the event loop are flushed once per read burst. */
  private static final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Responder responder;

    UdpHandler(Responder responder) {
      this.responder = responder;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      InetSocketAddress sender = packet.sender();
      responder.process(
          ByteBufUtil.getBytes(packet.content()),
          true,
          out -> {
            DatagramPacket reply = new DatagramPacket(Unpooled.wrappedBuffer(out), sender);
            if (ctx.executor().inEventLoop()) {
              ctx.write(reply, ctx.voidPromise());
            } else {
              ctx.writeAndFlush(reply, ctx.voidPromise());
            }
          });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // a datagram that could not be sent (ICMP unreachable, ...): the client retries or gives up
    }
  }

  /** Answers length-prefixed messages on one connection, in the order replies are ready. */
  private static final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final Responder responder;

    TcpHandler(Responder responder) {
      this.responder = responder;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      responder.process(
          ByteBufUtil.getBytes(frame),
          false,
          out -> ctx.writeAndFlush(Unpooled.wrappedBuffer(out), ctx.voidPromise()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
