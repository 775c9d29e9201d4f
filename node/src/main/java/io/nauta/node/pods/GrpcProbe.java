package io.nauta.node.pods;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code grpc} probe: the standard gRPC health check ({@code grpc.health.v1.Health/Check}) on the
 * pod's IP and port, plaintext, for the probe's {@code service} (empty: the whole server); only
 * SERVING passes.
 */
final class GrpcProbe {
  private GrpcProbe() {}

  /** Null when the server answers SERVING within {@code timeout}, else why not. */
  static String check(String host, int port, String service, Duration timeout) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .userAgent("kube-probe/1.32")
            .build();
    try {
      HealthCheckResponse r =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .check(
                  HealthCheckRequest.newBuilder()
                      .setService(service == null ? "" : service)
                      .build());
      return r.getStatus() == HealthCheckResponse.ServingStatus.SERVING
          ? null
          : "service unhealthy (responded with \"" + r.getStatus() + "\")";
    } catch (StatusRuntimeException e) {
      return switch (e.getStatus().getCode()) {
        case DEADLINE_EXCEEDED -> "timeout: health rpc did not complete within " + timeout;
        case UNIMPLEMENTED ->
            "this server does not implement the grpc health protocol (grpc.health.v1.Health)";
        default -> "failed to connect service \"" + host + ":" + port + "\": " + e.getStatus();
      };
    } finally {
      channel.shutdownNow();
    }
  }
}
