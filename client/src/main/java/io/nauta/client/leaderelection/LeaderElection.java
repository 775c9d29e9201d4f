package io.nauta.client.leaderelection;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a coordination.k8s.io Lease: of all instances with the same lease name, one
 * leads at a time. The lease lasts 10 s and is renewed every 2 s, so a standby takes over within
 * about 12 s of the leader's death; a leader that stops cleanly releases the lease at once.
 */
public final class LeaderElection implements AutoCloseable {
  static final Duration LEASE = Duration.ofSeconds(10);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(7);
  static final Duration RETRY = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final CompletableFuture<?> running;

  private LeaderElection(CompletableFuture<?> running) {
    this.running = running;
  }

  /**
   * Starts competing for lease {@code namespace/name} as {@code identity}; {@code leading} is told
   * true when this instance starts leading and false when it stops.
   */
  public static LeaderElection start(
      KubernetesClient client,
      String namespace,
      String name,
      String identity,
      Consumer<Boolean> leading) {
    var config =
        new LeaderElectionConfigBuilder()
            .withName(name)
            .withLock(new LeaseLock(namespace, name, identity))
            .withLeaseDuration(LEASE)
            .withRenewDeadline(RENEW_DEADLINE)
            .withRetryPeriod(RETRY)
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    () -> {
                      LOG.info("{} leads {}/{}", identity, namespace, name);
                      leading.accept(true);
                    },
                    () -> {
                      LOG.info("{} stopped leading {}/{}", identity, namespace, name);
                      leading.accept(false);
                    },
                    leader -> LOG.info("{}/{} is led by {}", namespace, name, leader)))
            .build();
    return new LeaderElection(client.leaderElector().withConfig(config).build().start());
  }

  /** Stops competing, releasing the lease if held. */
  @Override
  public void close() {
    running.cancel(true);
  }
}
