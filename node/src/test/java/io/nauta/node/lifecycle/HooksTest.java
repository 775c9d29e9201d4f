package io.nauta.node.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.LifecycleHandlerBuilder;
import io.nauta.cri.CriClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HooksTest {
  private final List<Duration> slept = new ArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private CriClient cri;
  private Hooks hooks;
  private final Container c =
      new ContainerBuilder()
          .withName("web")
          .addNewPort()
          .withName("admin")
          .withContainerPort(9090)
          .endPort()
          .build();

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("X-Why"));
          exchange.sendResponseHeaders(500, -1); // a status code does not fail a hook
          exchange.close();
        });
    server.start();
    cri = CriClient.connect(dir.resolve("no-runtime.sock"));
    hooks = new Hooks(cri, slept::add);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    cri.close();
  }

  @Test
  void httpGetReachesThePodAtThePathWithHeaders() {
    LifecycleHandler h =
        new LifecycleHandlerBuilder()
            .withNewHttpGet()
            .withPath("drain")
            .withPort(new IntOrString(server.getAddress().getPort()))
            .addNewHttpHeader("X-Why", "stop")
            .endHttpGet()
            .build();
    assertThat(hooks.run(h, c, "id", "127.0.0.1", Duration.ofSeconds(5))).isEmpty();
    assertThat(requests).containsExactly("/drain stop");
  }

  @Test
  void httpGetFailsWhenNothingAnswers() {
    int port = server.getAddress().getPort();
    server.stop(0);
    LifecycleHandler h =
        new LifecycleHandlerBuilder()
            .withNewHttpGet()
            .withPort(new IntOrString(port))
            .endHttpGet()
            .build();
    assertThat(hooks.run(h, c, "id", "127.0.0.1", Duration.ofSeconds(2)))
        .hasValueSatisfying(m -> assertThat(m).contains("127.0.0.1:" + port));
  }

  @Test
  void sleepWaitsItsSecondsWithinTheBound() {
    LifecycleHandler h = new LifecycleHandlerBuilder().withNewSleep(7L).build();
    assertThat(hooks.run(h, c, "id", "127.0.0.1", Duration.ZERO)).isEmpty();
    assertThat(hooks.run(h, c, "id", "127.0.0.1", Duration.ofSeconds(3))).isEmpty();
    assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
  }

  @Test
  void execFailsWhenTheRuntimeCannotRunIt() {
    LifecycleHandler h =
        new LifecycleHandlerBuilder().withNewExec().withCommand("true").endExec().build();
    assertThat(hooks.run(h, c, "id", "127.0.0.1", Duration.ofSeconds(1)))
        .hasValueSatisfying(m -> assertThat(m).contains("ExecSync"));
  }

  @Test
  void tcpSocketIsNoLifecycleHandler() {
    LifecycleHandler h =
        new LifecycleHandlerBuilder()
            .withNewTcpSocket()
            .withPort(new IntOrString(80))
            .endTcpSocket()
            .build();
    assertThat(hooks.run(h, c, "id", "127.0.0.1", Duration.ZERO)).isPresent();
  }

  @Test
  void namedPortsComeFromTheContainer() {
    assertThat(Hooks.port(new IntOrString("admin"), c)).isEqualTo(9090);
    assertThat(Hooks.port(new IntOrString(81), c)).isEqualTo(81);
    assertThat(Hooks.port(null, c)).isEqualTo(80);
  }
}
