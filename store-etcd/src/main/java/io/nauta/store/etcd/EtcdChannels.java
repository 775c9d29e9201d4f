package io.nauta.store.etcd;

import io.grpc.EquivalentAddressGroup;
import io.grpc.ManagedChannel;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.nauta.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the one gRPC channel a store uses to reach all members: a static address list spread
 * round-robin over the members that accept connections, so losing a member moves requests to the
 * others without a new channel.
 */
final class EtcdChannels {

  /** The scheme of targets naming a static member list: {@code nauta-etcd:///h:p,h:p}. */
  static final String SCHEME = "nauta-etcd";

  static {
    NameResolverRegistry.getDefaultRegistry().register(new StaticProvider());
  }

  private EtcdChannels() {}

  static ManagedChannel open(EtcdOptions options) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forTarget(SCHEME + ":///" + String.join(",", options.endpoints()))
            .defaultLoadBalancingPolicy("round_robin")
            .maxInboundMessageSize(512 << 20)
            .keepAliveTime(10, TimeUnit.SECONDS)
            .keepAliveTimeout(3, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true);
    if (options.tls() == null) {
      builder.negotiationType(NegotiationType.PLAINTEXT);
    } else {
      builder.sslContext(sslContext(options.tls()));
    }
    return builder.build();
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(
      EtcdOptions.Tls tls) {
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient();
      if (tls.caFile() != null) {
        ssl.trustManager(tls.caFile().toFile());
      }
      if (tls.certFile() != null && tls.keyFile() != null) {
        ssl.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
      }
      return ssl.build();
    } catch (IOException | RuntimeException e) {
      throw new StoreException(
          StoreException.Code.INVALID, "cannot read the etcd TLS files: " + e.getMessage(), e);
    }
  }

  /** Resolves {@code nauta-etcd:///h:p,h:p} to those addresses, once. */
  private static final class StaticProvider extends NameResolverProvider {
    @Override
    protected boolean isAvailable() {
      return true;
    }

    @Override
    protected int priority() {
      return 5;
    }

    @Override
    public String getDefaultScheme() {
      return SCHEME;
    }

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
      if (!SCHEME.equals(target.getScheme())) {
        return null;
      }
      String hosts = target.getPath().substring(1);
      List<EquivalentAddressGroup> groups =
          Arrays.stream(hosts.split(","))
              .map(
                  hostPort -> {
                    int colon = hostPort.lastIndexOf(':');
                    return new EquivalentAddressGroup(
                        new InetSocketAddress(
                            hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1))));
                  })
              .toList();
      return new NameResolver() {
        @Override
        public String getServiceAuthority() {
          return hosts.split(",")[0];
        }

        @Override
        public void start(Listener2 listener) {
          listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
        }

        @Override
        public void shutdown() {}
      };
    }
  }
}
