package io.nauta.node.pods;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Probes against real servers on loopback: named ports, gRPC health. */
class ProberTest {
  private static Container withPort(String name, int port) {
    return new ContainerBuilder()
        .withName("c")
        .addNewPort()
        .withName(name)
        .withContainerPort(port)
        .endPort()
        .build();
  }

  @Test
  void httpGetFindsANamedPort() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/healthz",
        ex -> {
          ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/healthz") ? 200 : 404, -1);
          ex.close();
        });
    http.start();
    try {
      Container c = withPort("web", http.getAddress().getPort());
      Probe named =
          new ProbeBuilder()
              .withNewHttpGet()
              .withPath("/healthz")
              .withPort(new IntOrString("web"))
              .endHttpGet()
              .build();
      assertThat(Prober.run(named, c, null, null, "127.0.0.1")).isNull();
      Probe unknown =
          new ProbeBuilder()
              .withNewHttpGet()
              .withPath("/healthz")
              .withPort(new IntOrString("nope"))
              .endHttpGet()
              .build();
      assertThat(Prober.run(unknown, c, null, null, "127.0.0.1"))
          .contains("couldn't find port: nope in c");
    } finally {
      http.stop(0);
    }
  }

  @Test
  void grpcPassesOnlyWhenServing() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(health.getHealthService())
            .build()
            .start();
    int port = server.getPort();
    try {
      Probe probe = new ProbeBuilder().withNewGrpc().withPort(port).endGrpc().build();
      Container c = new ContainerBuilder().withName("c").build();
      health.setStatus("", ServingStatus.SERVING);
      assertThat(Prober.run(probe, c, null, null, "127.0.0.1")).isNull();
      health.setStatus("", ServingStatus.NOT_SERVING);
      assertThat(Prober.run(probe, c, null, null, "127.0.0.1"))
          .isEqualTo("service unhealthy (responded with \"NOT_SERVING\")");
    } finally {
      server.shutdownNow();
    }
    server.awaitTermination();
    Probe closed = new ProbeBuilder().withNewGrpc().withPort(port).endGrpc().build();
    assertThat(Prober.run(closed, new Container(), null, null, "127.0.0.1"))
        .startsWith("failed to connect service");
  }
}
