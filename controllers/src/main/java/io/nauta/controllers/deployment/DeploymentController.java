package io.nauta.controllers.deployment;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
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

  static final io.fabric8.kubernetes.client.dsl.base.PatchContext MERGE =
      io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
          io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE);

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Clock clock;
  private final Scaler scaler;

  public DeploymentController(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    super("deployment", 5);
    this.client = client;
    this.informers = informers;
    this.events = events.as("deployment-controller");
    this.clock = clock;
    this.scaler = new Scaler(client, this.events);
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
    if (Boolean.TRUE.equals(d.getSpec().getPaused()) || Scaler.isScalingEvent(d, sets)) {
      // resized (or paused): share the new size among the active sets; the rollout goes on
      // from there in the next sync
      scaler.scaleToReplicas(d, current, old);
    } else {
      if (current == null) {
        current = createNewSet(d, sets, old);
      } else {
        keepRevisionCurrent(d, current, old);
      }
      if ("Recreate".equals(strategy(d))) {
        scaler.recreate(d, current, old);
      } else {
        scaler.rollingUpdate(d, current, old);
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

  private void updateStatus(Deployment d, ReplicaSet current, List<ReplicaSet> old) {
    DeploymentStatus previous = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    DeploymentStatuses.Computed computed =
        DeploymentStatuses.compute(d, current, old, limits(d)[1], clock.instant());
    DeploymentStatus next = computed.status();
    boolean complete = computed.complete();
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
    if (!DeploymentStatuses.same(previous, next)) {
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

  static int[] limits(Deployment d) {
    var ru =
        d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    return Rollout.limits(
        ru == null ? null : ru.getMaxSurge(),
        ru == null ? null : ru.getMaxUnavailable(),
        replicas(d));
  }

  static String strategy(Deployment d) {
    return d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getType() == null
        ? "RollingUpdate"
        : d.getSpec().getStrategy().getType();
  }

  private static OwnerReference controllerRef(Deployment d) {
    return io.nauta.controllers.runtime.PodControl.controllerRef(d);
  }

  static String json(Object patch) {
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

  static int total(List<ReplicaSet> sets) {
    return sets.stream().mapToInt(DeploymentController::replicas).sum();
  }

  static int replicas(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  static int replicas(Deployment d) {
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  static int available(ReplicaSet rs) {
    return rs.getStatus() == null ? 0 : nz(rs.getStatus().getAvailableReplicas());
  }

  static int nz(Integer i) {
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
