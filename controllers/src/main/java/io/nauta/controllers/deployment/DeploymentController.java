package io.nauta.controllers.deployment;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.labels.LabelSelectors;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.Pods;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rolls each Deployment's pod template out through ReplicaSets: the set whose template equals the
 * Deployment's (ignoring the {@code pod-template-hash} label) is the new one, created when none is;
 * the others are old. RollingUpdate grows the new set and shrinks old ones within maxSurge and
 * maxUnavailable; Recreate empties the old sets before the new one grows. Revisions are the {@code
 * deployment.kubernetes.io/revision} annotation (a rollback makes the old set's template current
 * again, and it gets the next revision); old sets beyond revisionHistoryLimit are deleted. A paused
 * Deployment only scales. Status carries what {@code kubectl rollout status} waits for.
 */
public final class DeploymentController extends Controller {
  static final String HASH_LABEL = "pod-template-hash";
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
  static final String MAX = "deployment.kubernetes.io/max-replicas";
  private static final String SAFE_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private static final io.fabric8.kubernetes.client.dsl.base.PatchContext MERGE =
      io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
          io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE);

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Clock clock;

  public DeploymentController(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    super("deployment", 5);
    this.client = client;
    this.informers = informers;
    this.events = events.as("deployment-controller");
    this.clock = clock;
    informers
        .of(Deployment.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Deployment d) {
                enqueue(d);
              }

              @Override
              public void onUpdate(Deployment old, Deployment d) {
                enqueue(d);
              }

              @Override
              public void onDelete(Deployment d, boolean unknown) {}
            });
    informers
        .of(ReplicaSet.class)
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(ReplicaSet rs) {
                enqueueOwner(rs);
              }

              @Override
              public void onUpdate(ReplicaSet old, ReplicaSet rs) {
                enqueueOwner(rs);
              }

              @Override
              public void onDelete(ReplicaSet rs, boolean unknown) {
                enqueueOwner(rs);
              }
            });
  }

  private void enqueueOwner(ReplicaSet rs) {
    OwnerReference ref = Pods.controllerOf(rs);
    if (ref != null && "Deployment".equals(ref.getKind())) {
      enqueue(rs.getMetadata().getNamespace() + "/" + ref.getName());
    }
  }

  @Override
  protected void sync(String key) {
    Deployment d = informers.get(Deployment.class, key);
    if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    List<ReplicaSet> sets = ownedSets(d);
    ReplicaSet current = sets.stream().filter(rs -> sameTemplate(rs, d)).findFirst().orElse(null);
    List<ReplicaSet> old = new ArrayList<>(sets);
    old.remove(current);
    old.sort(Comparator.comparing(rs -> rs.getMetadata().getCreationTimestamp()));
    if (Boolean.TRUE.equals(d.getSpec().getPaused()) || isScalingEvent(d, sets)) {
      // resized (or paused): share the new size among the active sets; the rollout goes on
      // from there in the next sync
      scaleToReplicas(d, current, old);
    } else {
      if (current == null) {
        current = createNewSet(d, sets, old);
      } else {
        keepRevisionCurrent(d, current, old);
      }
      if ("Recreate".equals(strategy(d))) {
        recreate(d, current, old);
      } else {
        rollingUpdate(d, current, old);
      }
      cleanup(d, old);
    }
    updateStatus(d, current, old);
  }

  /** The Deployment's sets: controlled by it, plus orphans its selector matches (adopted). */
  private List<ReplicaSet> ownedSets(Deployment d) {
    var selector = LabelSelectors.compile(d.getSpec().getSelector());
    List<ReplicaSet> out = new ArrayList<>();
    for (ReplicaSet rs : informers.list(ReplicaSet.class, d.getMetadata().getNamespace())) {
      OwnerReference ref = Pods.controllerOf(rs);
      if (ref != null) {
        if (d.getMetadata().getUid().equals(ref.getUid())) {
          out.add(new ReplicaSetBuilder(rs).build()); // a copy: this sync changes it
        }
      } else if (rs.getMetadata().getDeletionTimestamp() == null
          && selector.matches(labels(rs.getMetadata().getLabels()))) {
        try {
          out.add(
              client
                  .apps()
                  .replicaSets()
                  .inNamespace(rs.getMetadata().getNamespace())
                  .withName(rs.getMetadata().getName())
                  .edit(
                      x -> {
                        x.getMetadata().getOwnerReferences().add(controllerRef(d));
                        return x;
                      }));
        } catch (KubernetesClientException e) {
          // changed or gone meanwhile: the next sync sees it
        }
      }
    }
    return out;
  }

  private static boolean sameTemplate(ReplicaSet rs, Deployment d) {
    return withoutHash(rs.getSpec().getTemplate()).equals(withoutHash(d.getSpec().getTemplate()));
  }

  private static PodTemplateSpec withoutHash(PodTemplateSpec t) {
    PodTemplateSpec copy = new PodTemplateSpecBuilder(t).build();
    if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
      Map<String, String> labels = new HashMap<>(copy.getMetadata().getLabels());
      labels.remove(HASH_LABEL);
      copy.getMetadata().setLabels(labels);
    }
    return copy;
  }

  /**
   * The {@code pod-template-hash} of a template: FNV-1a (32 bit) of its JSON and the collision
   * count, written in the letters Kubernetes uses for such hashes (no vowels, no look-alikes).
   */
  static String hash(PodTemplateSpec template, int collisionCount) {
    byte[] bytes =
        (Serialization.asJson(template) + "#" + collisionCount).getBytes(StandardCharsets.UTF_8);
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= 0x01000193;
    }
    String digits = Long.toString(Integer.toUnsignedLong(h));
    StringBuilder out = new StringBuilder();
    for (char c : digits.toCharArray()) {
      out.append(SAFE_CHARS.charAt(c % SAFE_CHARS.length()));
    }
    return out.toString();
  }

  private ReplicaSet createNewSet(Deployment d, List<ReplicaSet> sets, List<ReplicaSet> old) {
    int collisions =
        d.getStatus() == null || d.getStatus().getCollisionCount() == null
            ? 0
            : d.getStatus().getCollisionCount();
    String hash = hash(d.getSpec().getTemplate(), collisions);
    int revision = maxRevision(old) + 1;
    int replicas = replicas(d);
    int initial = "Recreate".equals(strategy(d)) || !old.isEmpty() ? 0 : replicas;
    if (initial == 0 && !"Recreate".equals(strategy(d))) {
      int[] limits = limits(d);
      initial = Rollout.scaleUp(replicas, limits[0], total(sets), 0);
    }
    PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).build();
    template.getMetadata().setLabels(with(template.getMetadata().getLabels(), HASH_LABEL, hash));
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(d.getMetadata().getName() + "-" + hash)
            .withNamespace(d.getMetadata().getNamespace())
            .withLabels(template.getMetadata().getLabels())
            .addToAnnotations(REVISION, Integer.toString(revision))
            .addToAnnotations(DESIRED, Integer.toString(replicas))
            .addToAnnotations(MAX, Integer.toString(replicas + limits(d)[0]))
            .withOwnerReferences(controllerRef(d))
            .endMetadata()
            .withNewSpec()
            .withReplicas(initial)
            .withMinReadySeconds(d.getSpec().getMinReadySeconds())
            .withNewSelectorLike(d.getSpec().getSelector())
            .addToMatchLabels(HASH_LABEL, hash)
            .endSelector()
            .withTemplate(template)
            .endSpec()
            .build();
    ReplicaSet created =
        client
            .apps()
            .replicaSets()
            .inNamespace(d.getMetadata().getNamespace())
            .resource(rs)
            .create();
    events.normal(
        d,
        "ScalingReplicaSet",
        "Scaled up replica set " + created.getMetadata().getName() + " from 0 to " + initial);
    return created;
  }

  /** A rollback made an old set current again: it takes the next revision. */
  private void keepRevisionCurrent(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    int max = maxRevision(old);
    if (revision(current) <= max) {
      String next = Integer.toString(max + 1);
      ReplicaSet renumbered =
          client
              .apps()
              .replicaSets()
              .inNamespace(current.getMetadata().getNamespace())
              .withName(current.getMetadata().getName())
              .patch(
                  MERGE,
                  json(
                      Map.of(
                          "metadata",
                          Map.of(
                              "resourceVersion",
                              current.getMetadata().getResourceVersion(),
                              "annotations",
                              Map.of(REVISION, next)))));
      current.setMetadata(renumbered.getMetadata());
    }
  }

  private void recreate(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    boolean oldRunning = false;
    for (ReplicaSet rs : old) {
      if (replicas(rs) > 0) {
        scale(d, rs, 0);
      }
      if (rs.getStatus() != null && nz(rs.getStatus().getReplicas()) > 0) {
        oldRunning = true;
      }
    }
    if (!oldRunning && old.stream().allMatch(rs -> replicas(rs) == 0)) {
      if (replicas(current) != replicas(d)) {
        scale(d, current, replicas(d));
      }
    }
  }

  private void rollingUpdate(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    int replicas = replicas(d);
    int[] limits = limits(d);
    List<ReplicaSet> all = new ArrayList<>(old);
    all.add(current);
    // grow the new set within the surge
    if (replicas(current) > replicas) {
      scale(d, current, replicas);
    } else {
      int up = Rollout.scaleUp(replicas, limits[0], total(all), replicas(current));
      if (up > 0) {
        scale(d, current, replicas(current) + up);
      }
    }
    // shrink old sets: unavailable pods first, then as availability allows; budget is how many
    // may go by the sets' sizes: all pods minus the minimum available minus new unavailable ones
    int minAvailable = replicas - limits[1];
    int newUnavailable = Math.max(0, replicas(current) - available(current));
    int budget = total(all) - minAvailable - newUnavailable;
    for (ReplicaSet rs : old) {
      int unhealthy = Math.max(0, replicas(rs) - available(rs));
      int cut = Math.min(unhealthy, Math.max(0, budget));
      if (cut > 0) {
        scale(d, rs, replicas(rs) - cut);
        budget -= cut;
      }
    }
    int availableAll = all.stream().mapToInt(DeploymentController::available).sum();
    // also bounded by the sizes (which this sync just changed), not only by the ReplicaSets'
    // reported availability, which lags behind the scale-downs of a moment ago
    int down = Math.min(Rollout.scaleDown(replicas, limits[1], availableAll), Math.max(0, budget));
    for (ReplicaSet rs : old) {
      if (down <= 0) {
        break;
      }
      int cut = Math.min(replicas(rs), down);
      if (cut > 0) {
        scale(d, rs, replicas(rs) - cut);
        down -= cut;
      }
    }
  }

  /** Deletes empty old sets beyond revisionHistoryLimit, oldest first. */
  private void cleanup(Deployment d, List<ReplicaSet> old) {
    int limit =
        d.getSpec().getRevisionHistoryLimit() == null ? 10 : d.getSpec().getRevisionHistoryLimit();
    List<ReplicaSet> empty =
        old.stream()
            .filter(
                rs ->
                    replicas(rs) == 0
                        && rs.getStatus() != null
                        && nz(rs.getStatus().getReplicas()) == 0)
            .toList();
    for (int i = 0; i < empty.size() - limit; i++) {
      ReplicaSet rs = empty.get(i);
      try {
        client
            .apps()
            .replicaSets()
            .inNamespace(rs.getMetadata().getNamespace())
            .withName(rs.getMetadata().getName())
            .delete();
      } catch (KubernetesClientException e) {
        // gone already
      }
    }
  }

  /** Whether an active set was last sized for another number of replicas than wanted now. */
  private static boolean isScalingEvent(Deployment d, List<ReplicaSet> sets) {
    String want = Integer.toString(replicas(d));
    for (ReplicaSet rs : sets) {
      Map<String, String> a = rs.getMetadata().getAnnotations();
      String desired = a == null ? null : a.get(DESIRED);
      if (replicas(rs) > 0 && desired != null && !desired.equals(want)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Kubernetes' scaling of a resized Deployment: a lone active set (or the newest set when none is
   * active) takes the new size; a saturated new set leaves the old ones at zero; otherwise, in a
   * rolling update, the change is shared in proportion ({@link ProportionalScaling}).
   */
  private void scaleToReplicas(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    List<ReplicaSet> all = new ArrayList<>(old);
    if (current != null) {
      all.add(current);
    }
    List<ReplicaSet> active =
        all.stream()
            .filter(rs -> replicas(rs) > 0)
            .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    if (active.size() <= 1) {
      ReplicaSet target =
          !active.isEmpty()
              ? active.get(0)
              : current != null ? current : old.isEmpty() ? null : old.get(old.size() - 1);
      if (target != null) {
        scale(d, target, replicas(d));
      }
      return;
    }
    if (current != null && replicas(current) == replicas(d) && available(current) >= replicas(d)) {
      old.forEach(rs -> scale(d, rs, 0));
      return;
    }
    if (!"RollingUpdate".equals(strategy(d))) {
      return;
    }
    int allowed = replicas(d) + limits(d)[0];
    int total = active.stream().mapToInt(DeploymentController::replicas).sum();
    Comparator<ReplicaSet> created =
        Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp());
    active.sort(
        Comparator.<ReplicaSet>comparingInt(DeploymentController::replicas)
            .reversed()
            .thenComparing(allowed > total ? created.reversed() : created));
    int[] sizes = active.stream().mapToInt(DeploymentController::replicas).toArray();
    int[] max =
        active.stream()
            .mapToInt(
                rs -> {
                  Map<String, String> a = rs.getMetadata().getAnnotations();
                  try {
                    return a == null || a.get(MAX) == null ? 0 : Integer.parseInt(a.get(MAX));
                  } catch (NumberFormatException e) {
                    return 0;
                  }
                })
            .toArray();
    int fallback = d.getStatus() == null ? 0 : nz(d.getStatus().getReplicas());
    int[] next = ProportionalScaling.sizes(sizes, max, replicas(d), allowed, fallback);
    for (int i = 0; i < active.size(); i++) {
      scale(d, active.get(i), next[i]);
    }
  }

  /** Sizes the set to {@code to} and records what it was sized for (desired and max replicas). */
  private void scale(Deployment d, ReplicaSet rs, int to) {
    int from = replicas(rs);
    String desired = Integer.toString(replicas(d));
    String max = Integer.toString(replicas(d) + limits(d)[0]);
    Map<String, String> annotations = rs.getMetadata().getAnnotations();
    boolean annotated =
        annotations != null
            && desired.equals(annotations.get(DESIRED))
            && max.equals(annotations.get(MAX));
    if (from == to && (annotated || to == 0)) {
      return;
    }
    // locked to the version the decision was made on: a stale cache gets a 409 and the sync
    // runs again, instead of scaling from an old size
    ReplicaSet scaled =
        client
            .apps()
            .replicaSets()
            .inNamespace(rs.getMetadata().getNamespace())
            .withName(rs.getMetadata().getName())
            .patch(
                MERGE,
                json(
                    Map.of(
                        "metadata",
                        Map.of(
                            "resourceVersion",
                            rs.getMetadata().getResourceVersion(),
                            "annotations",
                            Map.of(DESIRED, desired, MAX, max)),
                        "spec",
                        Map.of("replicas", to))));
    rs.getMetadata().setResourceVersion(scaled.getMetadata().getResourceVersion());
    rs.getSpec().setReplicas(to); // later steps of this sync see the new size (rs is a copy)
    rs.getMetadata().setAnnotations(scaled.getMetadata().getAnnotations());
    if (from == to) {
      return;
    }
    events.normal(
        d,
        "ScalingReplicaSet",
        "Scaled "
            + (to > from ? "up" : "down")
            + " replica set "
            + rs.getMetadata().getName()
            + " from "
            + from
            + " to "
            + to);
  }

  private void updateStatus(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    List<ReplicaSet> all = new ArrayList<>(old);
    if (current != null) {
      all.add(current);
    }
    int replicas = replicas(d);
    int statusReplicas = 0;
    int ready = 0;
    int available = 0;
    for (ReplicaSet rs : all) {
      if (rs.getStatus() != null) {
        statusReplicas += nz(rs.getStatus().getReplicas());
        ready += nz(rs.getStatus().getReadyReplicas());
        available += nz(rs.getStatus().getAvailableReplicas());
      }
    }
    int updated =
        current == null || current.getStatus() == null ? 0 : nz(current.getStatus().getReplicas());
    int maxUnavailable = limits(d)[1];
    boolean minimumAvailable = available >= replicas - maxUnavailable;
    boolean complete =
        current != null
            && updated == replicas
            && statusReplicas == replicas
            && available >= replicas
            && replicas(current) == replicas;
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    DeploymentStatus previous = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    List<DeploymentCondition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            previous,
            "Available",
            minimumAvailable ? "True" : "False",
            minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            minimumAvailable
                ? "Deployment has minimum availability."
                : "Deployment does not have minimum availability.",
            now));
    conditions.add(progressing(d, previous, current, complete, now));
    DeploymentStatus next =
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(statusReplicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(ready)
            .withAvailableReplicas(available)
            .withUnavailableReplicas(Math.max(0, replicas - available))
            .withCollisionCount(previous.getCollisionCount())
            .withConditions(conditions)
            .build();
    boolean revisionChanged =
        current != null
            && !Objects.equals(annotation(d, REVISION), Integer.toString(revision(current)));
    if (revisionChanged) {
      String revision = Integer.toString(revision(current));
      client
          .apps()
          .deployments()
          .inNamespace(d.getMetadata().getNamespace())
          .withName(d.getMetadata().getName())
          .patch(
              MERGE, json(Map.of("metadata", Map.of("annotations", Map.of(REVISION, revision)))));
    }
    if (!sameStatus(previous, next)) {
      try {
        Deployment withStatus =
            new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).withStatus(next).build();
        client
            .apps()
            .deployments()
            .inNamespace(d.getMetadata().getNamespace())
            .resource(withStatus)
            .patchStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    if (!complete && !Boolean.TRUE.equals(d.getSpec().getPaused())) {
      // availability changes with time (minReadySeconds) and deadlines pass without events
      queue.addAfter(key(d), Duration.ofSeconds(5));
    }
  }

  private DeploymentCondition progressing(
      Deployment d, DeploymentStatus old, ReplicaSet current, boolean complete, String now) {
    String name = current == null ? "" : current.getMetadata().getName();
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
      return condition(
          old, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now);
    }
    if (complete) {
      return condition(
          old,
          "Progressing",
          "True",
          "NewReplicaSetAvailable",
          "ReplicaSet \"" + name + "\" has successfully progressed.",
          now);
    }
    DeploymentCondition before = find(old, "Progressing");
    int deadline =
        d.getSpec().getProgressDeadlineSeconds() == null
            ? 600
            : d.getSpec().getProgressDeadlineSeconds();
    if (before != null
        && "True".equals(before.getStatus())
        && !"NewReplicaSetAvailable".equals(before.getReason())
        && before.getLastUpdateTime() != null
        && Instant.parse(before.getLastUpdateTime())
            .plusSeconds(deadline)
            .isBefore(clock.instant())) {
      return condition(
          old,
          "Progressing",
          "False",
          "ProgressDeadlineExceeded",
          "ReplicaSet \"" + name + "\" has timed out progressing.",
          now);
    }
    if (before != null && "ProgressDeadlineExceeded".equals(before.getReason())) {
      return before;
    }
    return condition(
        old,
        "Progressing",
        "True",
        "ReplicaSetUpdated",
        "ReplicaSet \"" + name + "\" is progressing.",
        now);
  }

  /**
   * A condition, keeping the previous one's timestamps when nothing about it changed (so a rollout
   * that keeps progressing keeps its lastUpdateTime until progress is made).
   */
  private static DeploymentCondition condition(
      DeploymentStatus old, String type, String status, String reason, String message, String now) {
    DeploymentCondition before = find(old, type);
    if (before != null
        && status.equals(before.getStatus())
        && reason.equals(before.getReason())
        && message.equals(before.getMessage())) {
      return before;
    }
    String transition =
        before != null && status.equals(before.getStatus()) ? before.getLastTransitionTime() : now;
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastUpdateTime(now)
        .withLastTransitionTime(transition)
        .build();
  }

  private static DeploymentCondition find(DeploymentStatus s, String type) {
    if (s.getConditions() == null) {
      return null;
    }
    return s.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
    return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
        && nz(a.getReplicas()) == nz(b.getReplicas())
        && nz(a.getUpdatedReplicas()) == nz(b.getUpdatedReplicas())
        && nz(a.getReadyReplicas()) == nz(b.getReadyReplicas())
        && nz(a.getAvailableReplicas()) == nz(b.getAvailableReplicas())
        && nz(a.getUnavailableReplicas()) == nz(b.getUnavailableReplicas())
        && Objects.equals(a.getConditions(), b.getConditions());
  }

  private int[] limits(Deployment d) {
    var ru =
        d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    return Rollout.limits(
        ru == null ? null : ru.getMaxSurge(),
        ru == null ? null : ru.getMaxUnavailable(),
        replicas(d));
  }

  private static String strategy(Deployment d) {
    return d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getType() == null
        ? "RollingUpdate"
        : d.getSpec().getStrategy().getType();
  }

  private static OwnerReference controllerRef(Deployment d) {
    return io.nauta.controllers.runtime.PodControl.controllerRef(d);
  }

  private static String json(Object patch) {
    return Serialization.asJson(patch);
  }

  private static int maxRevision(List<ReplicaSet> sets) {
    return sets.stream().mapToInt(DeploymentController::revision).max().orElse(0);
  }

  private static int revision(ReplicaSet rs) {
    String v =
        rs.getMetadata().getAnnotations() == null
            ? null
            : rs.getMetadata().getAnnotations().get(REVISION);
    try {
      return v == null ? 0 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String annotation(Deployment d, String key) {
    return d.getMetadata().getAnnotations() == null
        ? null
        : d.getMetadata().getAnnotations().get(key);
  }

  private static int total(List<ReplicaSet> sets) {
    return sets.stream().mapToInt(DeploymentController::replicas).sum();
  }

  private static int replicas(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  private static int replicas(Deployment d) {
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  private static int available(ReplicaSet rs) {
    return rs.getStatus() == null ? 0 : nz(rs.getStatus().getAvailableReplicas());
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  private static Map<String, String> labels(Map<String, String> l) {
    return l == null ? Map.of() : l;
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> out = new java.util.LinkedHashMap<>(labels(m));
    out.put(k, v);
    return out;
  }
}
