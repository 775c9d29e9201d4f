package io.nauta.controllers.disruption;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.api.labels.LabelSelector;
import io.nauta.client.labels.LabelSelectors;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Computes PodDisruptionBudget status from the pods its selector matches: expectedPods (the active
 * ones), currentHealthy (the ready ones), desiredHealthy (minAvailable, or expected minus
 * maxUnavailable; percentages of expected, rounded up) and disruptionsAllowed (healthy above
 * desired), with the DisruptionAllowed condition. Keys are {@code namespace/name} of budgets.
 */
public final class DisruptionController extends Controller {
  /** How long an evicted pod's deletion may take to show before the pod counts again. */
  static final Duration EVICTION_TIMEOUT = Duration.ofMinutes(2);

  private final KubernetesClient client;
  private final Informers informers;
  private final Clock clock;

  public DisruptionController(KubernetesClient client, Informers informers, Clock clock) {
    super("disruption", 2);
    this.client = client;
    this.informers = informers;
    this.clock = clock;
    informers
        .of(PodDisruptionBudget.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(PodDisruptionBudget b) {
                enqueue(b);
              }

              @Override
              public void onUpdate(PodDisruptionBudget old, PodDisruptionBudget b) {
                enqueue(b);
              }

              @Override
              public void onDelete(PodDisruptionBudget b, boolean unknown) {}
            });
    informers
        .of(Pod.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Pod p) {
                enqueueBudgetsOf(p);
              }

              @Override
              public void onUpdate(Pod old, Pod p) {
                enqueueBudgetsOf(old);
                enqueueBudgetsOf(p);
              }

              @Override
              public void onDelete(Pod p, boolean unknown) {
                enqueueBudgetsOf(p);
              }
            });
  }

  private void enqueueBudgetsOf(Pod p) {
    Map<String, String> labels = labels(p);
    for (PodDisruptionBudget b :
        informers.list(PodDisruptionBudget.class, p.getMetadata().getNamespace())) {
      if (selector(b).matches(labels)) {
        enqueue(b);
      }
    }
  }

  @Override
  protected void sync(String key) {
    PodDisruptionBudget b = informers.get(PodDisruptionBudget.class, key);
    if (b == null) {
      return;
    }
    LabelSelector selector = selector(b);
    Instant now = clock.instant();
    Map<String, String> evicted =
        b.getStatus() == null || b.getStatus().getDisruptedPods() == null
            ? Map.of()
            : b.getStatus().getDisruptedPods();
    Map<String, String> stillEvicting = new java.util.TreeMap<>();
    int expected = 0;
    int healthy = 0;
    for (Pod p : informers.list(Pod.class, b.getMetadata().getNamespace())) {
      if (Pods.active(p) && selector.matches(labels(p))) {
        expected++;
        String since = evicted.get(p.getMetadata().getName());
        if (since != null && Instant.parse(since).plus(EVICTION_TIMEOUT).isAfter(now)) {
          // evicted through the API but its deletion not seen yet: no longer counted healthy
          stillEvicting.put(p.getMetadata().getName(), since);
          queue.addAfter(key, Duration.between(now, Instant.parse(since).plus(EVICTION_TIMEOUT)));
        } else if (Pods.ready(p)) {
          healthy++;
        }
      }
    }
    int desired =
        desiredHealthy(b.getSpec().getMinAvailable(), b.getSpec().getMaxUnavailable(), expected);
    int allowed = Math.max(0, healthy - desired);
    PodDisruptionBudgetStatus old =
        b.getStatus() == null ? new PodDisruptionBudgetStatus() : b.getStatus();
    var condition =
        old.getConditions().stream()
            .filter(c -> "DisruptionAllowed".equals(c.getType()))
            .findFirst()
            .orElse(null);
    String status = allowed > 0 ? "True" : "False";
    String reason = allowed > 0 ? "SufficientPods" : "InsufficientPods";
    var next =
        new PodDisruptionBudgetStatusBuilder()
            .withObservedGeneration(b.getMetadata().getGeneration())
            .withExpectedPods(expected)
            .withCurrentHealthy(healthy)
            .withDesiredHealthy(desired)
            .withDisruptionsAllowed(allowed)
            .withDisruptedPods(stillEvicting.isEmpty() ? null : stillEvicting)
            .withConditions(
                new io.fabric8.kubernetes.api.model.ConditionBuilder()
                    .withType("DisruptionAllowed")
                    .withStatus(status)
                    .withReason(reason)
                    .withMessage("")
                    .withObservedGeneration(b.getMetadata().getGeneration())
                    .withLastTransitionTime(
                        condition != null && status.equals(condition.getStatus())
                            ? condition.getLastTransitionTime()
                            : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                    .build())
            .build();
    if (Objects.equals(old.getObservedGeneration(), next.getObservedGeneration())
        && Objects.equals(old.getExpectedPods(), next.getExpectedPods())
        && Objects.equals(old.getCurrentHealthy(), next.getCurrentHealthy())
        && Objects.equals(old.getDesiredHealthy(), next.getDesiredHealthy())
        && Objects.equals(old.getDisruptionsAllowed(), next.getDisruptionsAllowed())
        && Objects.equals(evicted, stillEvicting)
        && condition != null
        && status.equals(condition.getStatus())) {
      return;
    }
    try {
      client
          .policy()
          .v1()
          .podDisruptionBudget()
          .inNamespace(b.getMetadata().getNamespace())
          // a replace locked to the cached version: a merge patch could not drop disruptedPods
          .resource(new PodDisruptionBudgetBuilder(b).withStatus(next).build())
          .updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** The healthy pods a budget wants: minAvailable, else expected minus maxUnavailable. */
  static int desiredHealthy(IntOrString minAvailable, IntOrString maxUnavailable, int expected) {
    if (minAvailable != null) {
      return count(minAvailable, expected);
    }
    if (maxUnavailable != null) {
      return Math.max(0, expected - count(maxUnavailable, expected));
    }
    return 0;
  }

  /** An int, or a percentage of {@code expected} rounded up, as Kubernetes does for budgets. */
  private static int count(IntOrString v, int expected) {
    if (v.getIntVal() != null) {
      return v.getIntVal();
    }
    String s = v.getStrVal();
    int percent = Integer.parseInt(s.substring(0, s.length() - 1));
    return (int) ((long) percent * expected + 99) / 100;
  }

  private static LabelSelector selector(PodDisruptionBudget b) {
    return LabelSelectors.compile(b.getSpec() == null ? null : b.getSpec().getSelector());
  }

  private static Map<String, String> labels(Pod p) {
    return p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
  }
}
