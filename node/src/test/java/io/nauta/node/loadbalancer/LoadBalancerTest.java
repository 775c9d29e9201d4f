package io.nauta.node.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load balancer relaying real loopback connections to stand-in API servers. */
class LoadBalancerTest {
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  private EchoServer server(String name) throws IOException {
    EchoServer s = EchoServer.start(name);
    cleanup.add(s);
    return s;
  }

  private LoadBalancer balancer(ServerAddress... servers) throws IOException {
    LoadBalancer lb = LoadBalancer.start(List.of(servers), Duration.ofSeconds(2));
    cleanup.add(lb);
    return lb;
  }

  private static ServerAddress dead() throws IOException {
    return new ServerAddress("127.0.0.1", EchoServer.deadPort());
  }

  /** A client connection through the balancer. */
  private final class Client implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;

    Client(LoadBalancer lb) throws IOException {
      socket = new Socket("127.0.0.1", lb.port());
      socket.setSoTimeout(5000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      cleanup.add(this);
    }

    /** The name of the server this connection reached. */
    String greeting() throws IOException {
      return in.readLine();
    }

    String echo(String line) throws IOException {
      socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      return in.readLine();
    }

    /** Whether the connection was broken: end of stream or a reset. */
    boolean broken() throws IOException {
      try {
        return in.read() == -1;
      } catch (SocketException e) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aNewConnectionSkipsAServerThatIsDown() throws Exception {
    EchoServer b = server("b");
    LoadBalancer lb = balancer(dead(), b.address());
    Client c = new Client(lb);
    assertThat(c.greeting()).isEqualTo("b");
    assertThat(c.echo("hello")).isEqualTo("hello");
    assertThat(lb.preferred()).isEqualTo(b.address());
    assertThat(lb.url()).isEqualTo("https://127.0.0.1:" + lb.port());
  }

  @Test
  void newConnectionsGoToTheServerThatAcceptedTheLastOne() throws Exception {
    EchoServer a = server("a");
    EchoServer b = server("b");
    LoadBalancer lb = balancer(a.address(), b.address());
    assertThat(new Client(lb).greeting()).isEqualTo("a");
    a.stopListening();
    assertThat(new Client(lb).greeting()).isEqualTo("b");
    a.listen();
    // a is back, but b has proven itself since: it stays the first choice
    assertThat(new Client(lb).greeting()).isEqualTo("b");
    assertThat(new Client(lb).greeting()).isEqualTo("b");
  }

  @Test
  void aServerThatDiesBreaksOnlyTheConnectionsToIt() throws Exception {
    EchoServer a = server("a");
    EchoServer b = server("b");
    LoadBalancer lb = balancer(a.address(), b.address());
    Client toA = new Client(lb);
    assertThat(toA.greeting()).isEqualTo("a");
    a.stopListening();
    Client toB = new Client(lb);
    assertThat(toB.greeting()).isEqualTo("b");
    assertThat(toA.echo("still here")).isEqualTo("still here");

    a.killConnections();
    assertThat(toA.broken()).isTrue();
    assertThat(toB.echo("unaffected")).isEqualTo("unaffected");
    Client again = new Client(lb);
    assertThat(again.greeting()).isEqualTo("b");
    assertThat(again.echo("reconnected")).isEqualTo("reconnected");
    await().atMost(Duration.ofSeconds(5)).until(() -> lb.openConnections() == 2);
  }

  @Test
  void withNoServerAcceptingTheClientIsClosed() throws Exception {
    LoadBalancer lb = balancer(dead(), dead());
    assertThat(new Client(lb).broken()).isTrue();
    assertThat(lb.openConnections()).isZero();
  }

  @Test
  void learnedServersAreTriedAfterTheGivenOnes() throws Exception {
    EchoServer b = server("b");
    ServerAddress down = dead();
    LoadBalancer lb = balancer(down);
    lb.learn(List.of(b.address(), down));
    assertThat(lb.servers()).containsExactly(down, b.address());
    assertThat(new Client(lb).greeting()).isEqualTo("b");
    lb.learn(List.of());
    assertThat(lb.servers()).containsExactly(down);
  }

  @Test
  void relaysLargeTransfersIntact() throws Exception {
    EchoServer a = server("a");
    LoadBalancer lb = balancer(a.address());
    Client c = new Client(lb);
    assertThat(c.greeting()).isEqualTo("a");
    byte[] data = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(data);
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    c.socket.getOutputStream().write(data);
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                });
    byte[] back = c.socket.getInputStream().readNBytes(data.length);
    writer.join();
    assertThat(back).isEqualTo(data);
  }

  @Test
  void aServerClosingAConnectionClosesItForTheClient() throws Exception {
    EchoServer a = server("a");
    LoadBalancer lb = balancer(a.address());
    Client c = new Client(lb);
    assertThat(c.greeting()).isEqualTo("a");
    a.killConnections();
    assertThat(c.broken()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> lb.openConnections() == 0);
  }

  @Test
  void closingTheBalancerBreaksItsConnections() throws Exception {
    EchoServer a = server("a");
    LoadBalancer lb = balancer(a.address());
    Client c = new Client(lb);
    assertThat(c.greeting()).isEqualTo("a");
    lb.close();
    assertThat(c.broken()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> a.connections() == 0);
  }
}
