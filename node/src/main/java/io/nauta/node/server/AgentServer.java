package io.nauta.node.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The agent's HTTPS server: TLS with a required client certificate ({@link AgentTls}), then the
 * {@link ClientAuthenticator}'s verdict, then the {@link AgentHandler} on a virtual thread. Self
 * contained: it needs only its address, TLS material, authenticator and handler, so an agent
 * running inside {@code nauta server} is wired exactly like a remote one. Starts on {@link #start},
 * stops on {@link #close}.
 */
public final class AgentServer implements AutoCloseable {
  /** Requests to the agent have tiny bodies; anything larger is refused. */
  static final int MAX_BODY = 64 * 1024;

  private final InetSocketAddress address;
  private final AgentTls tls;
  private final ClientAuthenticator authenticator;
  private final AgentHandler handler;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private EventLoopGroup group;
  private Channel channel;

  public AgentServer(
      InetSocketAddress address,
      AgentTls tls,
      ClientAuthenticator authenticator,
      AgentHandler handler) {
    this.address = address;
    this.tls = tls;
    this.authenticator = authenticator;
    this.handler = handler;
  }

  /** Binds the port; returns once connections are accepted. */
  public AgentServer start() throws InterruptedException, SSLException {
    SslContext ssl = tls.serverContext();
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast("tls", ssl.newHandler(ch.alloc()))
                        .addLast("http", new HttpServerCodec())
                        .addLast("aggregator", new HttpObjectAggregator(MAX_BODY))
                        .addLast(
                            "dispatcher", new AgentDispatcher(authenticator, handler, workers));
                  }
                })
            .bind(address)
            .sync()
            .channel();
    return this;
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
    workers.shutdownNow();
  }
}
