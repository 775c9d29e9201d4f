package io.nauta.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import io.nauta.cri.v1.*;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CriClient against a fake runtime on a real unix socket: values, error mapping, deadlines. */
class CriClientTest {
  @TempDir Path dir;
  private EpollEventLoopGroup group;
  private Server server;
  private CriClient client;

  /** Answers Version and ExecSync, knows no containers, and never answers StopContainer. */
  static final class FakeRuntime extends RuntimeServiceGrpc.RuntimeServiceImplBase {
    @Override
    public void version(VersionRequest request, StreamObserver<VersionResponse> response) {
      response.onNext(
          VersionResponse.newBuilder().setRuntimeName("fake").setRuntimeApiVersion("v1").build());
      response.onCompleted();
    }

    @Override
    public void containerStatus(
        ContainerStatusRequest request, StreamObserver<ContainerStatusResponse> response) {
      response.onError(
          Status.NOT_FOUND
              .withDescription("container " + request.getContainerId() + " not found")
              .asRuntimeException());
    }

    @Override
    public void execSync(ExecSyncRequest request, StreamObserver<ExecSyncResponse> response) {
      response.onNext(
          ExecSyncResponse.newBuilder()
              .setExitCode(7)
              .setStdout(
                  com.google.protobuf.ByteString.copyFromUtf8(
                      String.join(" ", request.getCmdList())))
              .build());
      response.onCompleted();
    }

    @Override
    public void stopContainer(
        StopContainerRequest request, StreamObserver<StopContainerResponse> response) {
      // never answers: the client's deadline must end the call
    }
  }

  @BeforeEach
  void startFakeRuntime() throws Exception {
    Path socket = dir.resolve("cri.sock");
    group = new EpollEventLoopGroup(1);
    server =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(group)
            .workerEventLoopGroup(group)
            .addService(new FakeRuntime())
            .build()
            .start();
    // long enough for a first call (connection, class loading) on a loaded 2-core machine
    client = CriClient.connect(socket, Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
    group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void returnsTheRuntimesVersion() {
    assertThat(client.version().getRuntimeName()).isEqualTo("fake");
  }

  @Test
  void mapsAnErrorStatusToCriExceptionWithCodeOperationAndTarget() {
    assertThatThrownBy(() -> client.containerStatus("abc"))
        .isInstanceOfSatisfying(
            CriException.class,
            e -> {
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.operation()).isEqualTo("ContainerStatus");
              assertThat(e.target()).isEqualTo("abc");
              assertThat(e).hasMessageContaining("container abc not found");
            });
  }

  @Test
  void returnsExecOutputAndExitCode() {
    ExecResult result = client.execSync("abc", List.of("echo", "hi"), Duration.ZERO);
    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.stdoutText()).isEqualTo("echo hi");
  }

  @Test
  void endsACallThatOutlivesItsDeadline() {
    assertThatThrownBy(() -> client.stopContainer("abc", Duration.ZERO))
        .isInstanceOfSatisfying(
            CriException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
  }

  @Test
  void reportsAnAbsentSocketAsUnavailable() {
    try (var absent = CriClient.connect(dir.resolve("none.sock"))) {
      assertThatThrownBy(() -> absent.version(Duration.ofSeconds(2)))
          .isInstanceOfSatisfying(
              CriException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }
}
