package io.nauta.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every {@link Config#period} deletes what {@link PodGarbage} selects. A node missing from the
 * cache is believed gone only after it has been missing for two periods and the API server confirms
 * it (a node just created may not be cached yet). Orphaned and stuck pods are deleted at once
 * (grace period 0) after being marked DisruptionTarget (reason DeletionByPodGC); finished ones
 * normally.
 */
public final class PodGcController extends Controller {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PodGcController.class);
  private static final String KEY = "podgc";

  /**
   * @param terminatedThreshold finished pods kept before the oldest are deleted (Kubernetes:
   *     12,500; 0 keeps all)
   * @param period how often pods are looked at (Kubernetes: 20 s)
   */
  public record Config(int terminatedThreshold, Duration period) {
    public static final Config DEFAULTS = new Config(12_500, Duration.ofSeconds(20));
  }

  private final KubernetesClient client;
  private final Informers informers;
  private final Clock clock;
  private final Config config;

  /** Nodes seen missing, and since when. */
  private final Map<String, Instant> missingSince = new ConcurrentHashMap<>();

  public PodGcController(KubernetesClient client, Informers informers, Clock clock, Config config) {
    super("podgc", 1);
    this.client = client;
    this.informers = informers;
    this.clock = clock;
    this.config = config;
    informers.of(Pod.class);
    informers.of(Node.class);
    queue.addAfter(KEY, config.period());
  }

  @Override
  protected void sync(String key) {
    try {
      collect();
    } finally {
      queue.addAfter(KEY, config.period());
    }
  }

  private void collect() {
    Map<String, Node> nodes = new HashMap<>();
    for (Node n : informers.of(Node.class).getStore().list()) {
      nodes.put(n.getMetadata().getName(), n);
    }
    missingSince
        .keySet()
        .retainAll(
            informers.of(Pod.class).getStore().list().stream()
                .map(p -> p.getSpec().getNodeName())
                .filter(n -> n != null && !nodes.containsKey(n))
                .toList());
    Instant now = clock.instant();
    List<PodGarbage.Victim> victims =
        PodGarbage.select(
            informers.of(Pod.class).getStore().list(),
            nodes,
            config.terminatedThreshold(),
            node -> goneForSure(node, now));
    for (PodGarbage.Victim v : victims) {
      delete(v, now);
    }
  }

  private boolean goneForSure(String node, Instant now) {
    Instant since = missingSince.computeIfAbsent(node, n -> now);
    if (now.isBefore(since.plus(config.period().multipliedBy(2)))) {
      return false;
    }
    return client.nodes().withName(node).get() == null;
  }

  private void delete(PodGarbage.Victim v, Instant now) {
    Pod p = v.pod();
    String ns = p.getMetadata().getNamespace();
    String name = p.getMetadata().getName();
    try {
      if (v.reason() == PodGarbage.Reason.TERMINATED) {
        client.pods().inNamespace(ns).withName(name).delete();
      } else {
        Pod marked =
            Pods.withDisruptionTarget(p, "DeletionByPodGC", "PodGC: node no longer exists", now);
        if (v.reason() == PodGarbage.Reason.ORPHANED) {
          client.pods().inNamespace(ns).resource(marked).patchStatus();
        }
        client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
      }
      LOG.info("deleted pod {}/{} ({})", ns, name, v.reason());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.info("could not delete pod {}/{}: {}", ns, name, e.getMessage());
      }
    }
  }
}
