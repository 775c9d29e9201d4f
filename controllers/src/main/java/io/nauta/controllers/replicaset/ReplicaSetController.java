package io.nauta.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.api.labels.LabelSelector;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.labels.LabelSelectors;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Expectations;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.OwnedPodHandler;
import io.nauta.controllers.runtime.PodClaims;
import io.nauta.controllers.runtime.PodControl;
import io.nauta.controllers.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps each ReplicaSet's active pods at {@code spec.replicas}: claims its pods (adopting matching
 * orphans, releasing owned pods that stopped matching), creates missing ones from the template in
 * growing batches (1, 2, 4, ... up to {@value #BURST} per sync) and deletes surplus ones in {@link
 * PodRanking} order, then writes replicas, fullyLabeledReplicas, readyReplicas, availableReplicas
 * and observedGeneration to the status. Expectations keep it from acting again before its informer
 * has seen its own creations and deletions.
 */
public final class ReplicaSetController extends Controller {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ReplicaSetController.class);

  /** At most this many pods are created or deleted in one sync. */
  static final int BURST = 500;

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Expectations expectations;
  private final Clock clock;
  private final PodControl pods;

  public ReplicaSetController(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    super("replicaset", 5);
    this.client = client;
    this.informers = informers;
    this.events = events.as("replicaset-controller");
    this.clock = clock;
    this.expectations = new Expectations(clock);
    this.pods = new PodControl(client, this.events, expectations, "replicaset");
    informers.of(ReplicaSet.class).addEventHandler(new SetHandler());
    informers
        .of(Pod.class)
        .addEventHandler(
            new OwnedPodHandler<>(
                this,
                informers,
                expectations,
                ReplicaSet.class,
                "ReplicaSet",
                rs -> LabelSelectors.compile(rs.getSpec().getSelector())));
  }

  @Override
  protected void sync(String key) throws Exception {
    ReplicaSet rs = informers.get(ReplicaSet.class, key);
    if (rs == null) {
      expectations.delete(key);
      return;
    }
    String ns = rs.getMetadata().getNamespace();
    LabelSelector selector = LabelSelectors.compile(rs.getSpec().getSelector());
    List<Pod> owned = PodClaims.claim(client, rs, selector, informers.list(Pod.class, ns));
    List<Pod> active = owned.stream().filter(Pods::active).toList();
    ReplicaSetFailure failure = null;
    expectations.settleDeletions(key, informers::podGoneOrTerminating);
    if (expectations.satisfied(key) && rs.getMetadata().getDeletionTimestamp() == null) {
      failure = manage(rs, key, active);
    } else {
      LOG.debug("{}: waiting for {}", key, expectations.describe(key));
    }
    updateStatus(rs, owned, active, failure);
  }

  /** Why creating pods failed, for the ReplicaFailure condition. */
  private record ReplicaSetFailure(String reason, String message) {}

  private ReplicaSetFailure manage(ReplicaSet rs, String key, List<Pod> active)
      throws InterruptedException {
    int want = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    int diff = active.size() - want;
    if (diff < 0) {
      String refused =
          pods.create(
              rs,
              key,
              Math.min(-diff, BURST),
              i -> PodControl.fromTemplate(rs, rs.getSpec().getTemplate(), null));
      return refused == null ? null : new ReplicaSetFailure("FailedCreate", refused);
    }
    if (diff > 0) {
      pods.delete(rs, key, PodRanking.toDelete(active, Math.min(diff, BURST)));
    }
    return null;
  }

  private void updateStatus(
      ReplicaSet rs, List<Pod> owned, List<Pod> active, ReplicaSetFailure failure) {
    int minReady =
        rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
    Instant now = clock.instant();
    Map<String, String> templateLabels =
        rs.getSpec().getTemplate().getMetadata() == null
            ? Map.of()
            : Objects.requireNonNullElse(
                rs.getSpec().getTemplate().getMetadata().getLabels(), Map.of());
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    boolean waitingForAvailable = false;
    for (Pod p : active) {
      if (labels(p).entrySet().containsAll(templateLabels.entrySet())) {
        fullyLabeled++;
      }
      if (Pods.ready(p)) {
        ready++;
        if (Pods.available(p, minReady, now)) {
          available++;
        } else {
          waitingForAvailable = true;
        }
      }
    }
    ReplicaSetStatus old = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
    var status =
        new ReplicaSetStatusBuilder()
            .withReplicas(active.size())
            .withFullyLabeledReplicas(fullyLabeled)
            .withReadyReplicas(ready)
            .withAvailableReplicas(available)
            .withObservedGeneration(rs.getMetadata().getGeneration());
    if (failure != null) {
      status
          .addNewCondition()
          .withType("ReplicaFailure")
          .withStatus("True")
          .withReason(failure.reason())
          .withMessage(failure.message())
          .withLastTransitionTime(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
          .endCondition();
    }
    ReplicaSetStatus next = status.build();
    if (!same(old, next)) {
      try {
        // a merge patch locked to the version this status was computed from: if the set changed
        // meanwhile (409), the sync runs again on the newer one
        ReplicaSet withStatus =
            new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs).withStatus(next).build();
        client
            .apps()
            .replicaSets()
            .inNamespace(rs.getMetadata().getNamespace())
            .resource(withStatus)
            .patchStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    if (waitingForAvailable) {
      queue.addAfter(key(rs), Duration.ofSeconds(minReady));
    }
  }

  private static boolean same(ReplicaSetStatus a, ReplicaSetStatus b) {
    return Objects.equals(a.getReplicas(), b.getReplicas())
        && Objects.equals(a.getFullyLabeledReplicas(), b.getFullyLabeledReplicas())
        && Objects.equals(nz(a.getReadyReplicas()), nz(b.getReadyReplicas()))
        && Objects.equals(nz(a.getAvailableReplicas()), nz(b.getAvailableReplicas()))
        && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
        && a.getConditions().size() == b.getConditions().size();
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  private static Map<String, String> labels(Pod p) {
    return PodClaims.labels(p);
  }

  private final class SetHandler implements ResourceEventHandler<ReplicaSet> {
    @Override
    public void onAdd(ReplicaSet rs) {
      enqueue(rs);
    }

    @Override
    public void onUpdate(ReplicaSet old, ReplicaSet rs) {
      enqueue(rs);
    }

    @Override
    public void onDelete(ReplicaSet rs, boolean unknown) {
      expectations.delete(key(rs));
      enqueue(rs);
    }
  }

  @Override
  public void close() {
    super.close();
    pods.close();
  }
}
