package io.nauta.apiserver.http;

import io.nauta.apiserver.auth.Authenticator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTPS server speaking HTTP/2 (negotiated by ALPN) and HTTP/1.1, or plain HTTP/1.1 when no TLS
 * context is given (tests and loopback-only tooling). Starts on {@link #start}, stops on {@link
 * #close}.
 */
public final class HttpServer implements AutoCloseable {
  private final InetSocketAddress address;
  private final SslContext ssl;
  private final Authenticator authenticator;
  private final RequestHandler handler;
  private final int maxBodyBytes;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private EventLoopGroup boss;
  private EventLoopGroup io;
  private Channel channel;

  public HttpServer(
      InetSocketAddress address,
      SslContext ssl,
      Authenticator authenticator,
      RequestHandler handler,
      int maxBodyBytes) {
    this.address = address;
    this.ssl = ssl;
    this.authenticator = authenticator;
    this.handler = handler;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Binds the port; returns once the server accepts connections. */
  public HttpServer start() throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    var factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    boss = new MultiThreadIoEventLoopGroup(1, factory);
    io = new MultiThreadIoEventLoopGroup(0, factory);
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, io)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (ssl == null) {
                      addHttp1(p);
                      return;
                    }
                    p.addLast("tls", ssl.newHandler(ch.alloc()));
                    p.addLast(
                        new ApplicationProtocolNegotiationHandler(
                            ApplicationProtocolNames.HTTP_1_1) {
                          @Override
                          protected void configurePipeline(
                              ChannelHandlerContext ctx, String protocol) {
                            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                              addHttp2(ctx.pipeline());
                            } else {
                              addHttp1(ctx.pipeline());
                            }
                          }
                        });
                  }
                });
    channel = b.bind(address).sync().channel();
    return this;
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  private void addHttp1(ChannelPipeline p) {
    p.addLast(new HttpServerCodec(8192, 64 * 1024, 64 * 1024));
    p.addLast(new HttpServerExpectContinueHandler());
    p.addLast(new RequestDispatcher(authenticator, handler, workers, maxBodyBytes, false));
  }

  private void addHttp2(ChannelPipeline p) {
    p.addLast(
        Http2FrameCodecBuilder.forServer()
            .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(1000))
            .build());
    p.addLast(
        new Http2MultiplexHandler(
            new ChannelInitializer<Http2StreamChannel>() {
              @Override
              protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                ch.pipeline()
                    .addLast(
                        new RequestDispatcher(authenticator, handler, workers, maxBodyBytes, true));
              }
            }));
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
      io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
    workers.shutdownNow();
  }
}
