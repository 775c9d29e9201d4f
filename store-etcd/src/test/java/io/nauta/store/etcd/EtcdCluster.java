package io.nauta.store.etcd;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.nauta.store.etcd.wire.MaintenanceGrpc;
import io.nauta.store.etcd.wire.StatusRequest;
import io.nauta.store.etcd.wire.StatusResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real etcd cluster of 1 or 3 members for tests: {@code /usr/bin/etcd} processes on free loopback
 * ports, each with its own temporary data directory, killed (by PID) and removed on {@link
 * #close()}. Elections are fast (50 ms heartbeats) so fault tests stay short.
 */
public final class EtcdCluster implements AutoCloseable {

  /** The etcd binary (Debian's etcd-server package). */
  public static final Path ETCD = Path.of("/usr/bin/etcd");

  private final Path root;
  private final List<Member> members;
  private final ServerTls tls;
  private final String token =
      "nauta-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  /** One member: its name, ports, data directory and process (null while stopped). */
  public static final class Member {
    final String name;
    final int clientPort;
    final int peerPort;
    final Path dataDir;
    Process process;

    Member(String name, int clientPort, int peerPort, Path dataDir) {
      this.name = name;
      this.clientPort = clientPort;
      this.peerPort = peerPort;
      this.dataDir = dataDir;
    }

    public String endpoint() {
      return "127.0.0.1:" + clientPort;
    }

    public boolean running() {
      return process != null && process.isAlive();
    }
  }

  /**
   * Serving TLS for the members' client port, which then requires client certificates signed by
   * {@code caFile}.
   */
  public record ServerTls(Path caFile, Path certFile, Path keyFile) {}

  private EtcdCluster(Path root, List<Member> members, ServerTls tls) {
    this.root = root;
    this.members = members;
    this.tls = tls;
  }

  /** Starts {@code size} members and waits until they have elected a leader. */
  public static EtcdCluster start(int size) {
    return start(size, null);
  }

  /** Starts {@code size} members serving clients over {@code tls} (if not null). */
  public static EtcdCluster start(int size, ServerTls tls) {
    try {
      Path root = Files.createTempDirectory("nauta-etcd-");
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        members.add(new Member("m" + i, freePort(), freePort(), root.resolve("m" + i)));
      }
      EtcdCluster cluster = new EtcdCluster(root, members, tls);
      try {
        for (Member member : members) {
          cluster.launch(member, "new");
        }
        cluster.awaitLeader();
        return cluster;
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Member> members() {
    return List.copyOf(members);
  }

  /** {@code etcd://} followed by every member's client address. */
  public String uri() {
    return EtcdOptions.SCHEME + String.join(",", members.stream().map(Member::endpoint).toList());
  }

  /** Store options for this cluster with {@code keyPrefix}. */
  public EtcdOptions options(String keyPrefix) {
    return EtcdOptions.parse(uri()).withKeyPrefix(keyPrefix);
  }

  /** The member that is the raft leader now, waiting (boundedly) for an election if needed. */
  public Member awaitLeader() {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(this::leader, Optional::isPresent)
        .orElseThrow();
  }

  /** Kills the leader with SIGKILL; returns it. */
  public Member killLeader() {
    Member leader = awaitLeader();
    leader.process.destroyForcibly();
    waitFor(leader);
    return leader;
  }

  /** Stops {@code member} gracefully (SIGTERM). */
  public void stop(Member member) {
    if (member.process != null) {
      member.process.destroy();
      waitFor(member);
    }
  }

  /** Starts a stopped or killed member again on its data directory. */
  public void restart(Member member) {
    launch(member, "existing");
  }

  /** Options reaching one member; over TLS the fixture presents the serving certificate. */
  private EtcdOptions memberOptions(Member member) {
    EtcdOptions options = EtcdOptions.parse(EtcdOptions.SCHEME + member.endpoint());
    return tls == null
        ? options
        : options.withTls(new EtcdOptions.Tls(tls.caFile(), tls.certFile(), tls.keyFile()));
  }

  private Optional<Member> leader() {
    for (Member member : members) {
      if (!member.running()) {
        continue;
      }
      ManagedChannel channel = EtcdChannels.open(memberOptions(member));
      try {
        StatusResponse status =
            MaintenanceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                .status(StatusRequest.getDefaultInstance());
        if (status.getLeader() != 0 && status.getLeader() == status.getHeader().getMemberId()) {
          return Optional.of(member);
        }
      } catch (RuntimeException notYet) {
        // not serving yet, or no leader
      } finally {
        channel.shutdownNow();
      }
    }
    return Optional.empty();
  }

  private void launch(Member member, String state) {
    String initialCluster =
        String.join(
            ",", members.stream().map(m -> m.name + "=http://127.0.0.1:" + m.peerPort).toList());
    String scheme = tls == null ? "http" : "https";
    List<String> command =
        new ArrayList<>(
            List.of(
                ETCD.toString(),
                "--name=" + member.name,
                "--data-dir=" + member.dataDir,
                "--listen-client-urls=" + scheme + "://127.0.0.1:" + member.clientPort,
                "--advertise-client-urls=" + scheme + "://127.0.0.1:" + member.clientPort,
                "--listen-peer-urls=http://127.0.0.1:" + member.peerPort,
                "--initial-advertise-peer-urls=http://127.0.0.1:" + member.peerPort,
                "--initial-cluster=" + initialCluster,
                "--initial-cluster-state=" + state,
                "--initial-cluster-token=" + token,
                "--heartbeat-interval=50",
                "--election-timeout=500",
                "--max-request-bytes=" + (4 << 20),
                "--quota-backend-bytes=" + (2L << 30),
                "--logger=zap",
                "--log-level=warn"));
    if (tls != null) {
      command.addAll(
          List.of(
              "--trusted-ca-file=" + tls.caFile(),
              "--cert-file=" + tls.certFile(),
              "--key-file=" + tls.keyFile(),
              "--client-cert-auth"));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(root.resolve(member.name + ".log").toFile()));
    try {
      member.process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + ETCD, e);
    }
  }

  private static void waitFor(Member member) {
    try {
      member.process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Member member : members) {
      if (member.process != null) {
        member.process.destroyForcibly();
        waitFor(member);
      }
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
