package io.nauta.controllers.statefulset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.labels.LabelSelectors;
import io.nauta.controllers.history.History;
import io.nauta.controllers.history.Revisions;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.PodClaims;
import io.nauta.controllers.runtime.PodControl;
import io.nauta.controllers.runtime.Pods;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gives each StatefulSet its pods {@code <set>-<ordinal>}, each with a stable identity (hostname
 * the pod's name, subdomain the governing service, the {@code statefulset.kubernetes.io/pod-name}
 * and {@code apps.kubernetes.io/pod-index} labels), created, deleted and updated in the order
 * {@link OrdinalPlan} decides. The template's {@link History} revisions are the current and update
 * revisions; pods carry their revision's name in {@code controller-revision-hash}. Pods are named,
 * so a stale cache cannot make one twice: a create that finds the pod there waits for the cache.
 *
 * <p>Before a pod is made, its volumeClaimTemplates' claims are ({@link ClaimControl}); the pod
 * waits while one of them is being deleted, or (whenScaled Delete) still belongs to an earlier pod
 * of its name. Each sync first brings the owner references of every pod's claims in line with the
 * retention policy, so a pod condemned by a scale-down owns its claims before it is deleted.
 */
public final class StatefulSetController extends Controller {
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Clock clock;
  private final History history;
  private final ClaimControl claims;

  public StatefulSetController(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    super("statefulset", 2);
    this.client = client;
    this.informers = informers;
    this.events = events.as("statefulset-controller");
    this.clock = clock;
    this.history = new History(client, informers);
    this.claims = new ClaimControl(client, informers, this.events);
    informers.of(StatefulSet.class).addEventHandler(new SetHandler());
    informers.of(Pod.class).addEventHandler(new PodHandler());
    informers.of(PersistentVolumeClaim.class).addEventHandler(new ClaimHandler());
  }

  @Override
  protected void sync(String key) throws Exception {
    StatefulSet set = informers.get(StatefulSet.class, key);
    if (set == null || set.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    List<ControllerRevision> revisions = history.owned(set);
    ControllerRevision update = history.current(set, set.getSpec().getTemplate(), revisions);
    String currentName = set.getStatus() == null ? null : set.getStatus().getCurrentRevision();
    ControllerRevision current = currentName == null ? null : History.named(revisions, currentName);
    if (current == null || currentName.equals(update.getMetadata().getName())) {
      current = update;
    }
    List<Pod> pods = members(set);
    int minReady =
        set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
    Instant now = clock.instant();
    List<OrdinalPlan.PodState> states = new ArrayList<>();
    for (Pod p : pods) {
      states.add(
          new OrdinalPlan.PodState(
              ordinal(set, p),
              p.getMetadata().getName(),
              PodClaims.labels(p).get(Revisions.HASH_LABEL),
              p.getMetadata().getDeletionTimestamp() != null,
              "Failed".equals(p.getStatus() == null ? null : p.getStatus().getPhase()),
              running(p) && Pods.ready(p),
              running(p) && Pods.available(p, minReady, now)));
    }
    OrdinalPlan.Spec spec = StatefulSets.spec(set, current, update);
    Map<String, ControllerRevision> byName = new LinkedHashMap<>();
    revisions.forEach(r -> byName.put(r.getMetadata().getName(), r));
    byName.put(update.getMetadata().getName(), update);
    keepClaims(set, spec, pods);
    for (OrdinalPlan.Action a : OrdinalPlan.plan(spec, states)) {
      if (!apply(set, a, byName, update)) {
        break;
      }
    }
    Set<String> live = new HashSet<>();
    live.add(current.getMetadata().getName());
    live.add(update.getMetadata().getName());
    pods.forEach(p -> live.add(PodClaims.labels(p).get(Revisions.HASH_LABEL)));
    int limit =
        set.getSpec().getRevisionHistoryLimit() == null
            ? 10
            : set.getSpec().getRevisionHistoryLimit();
    history.trim(revisions, r -> live.contains(r.getMetadata().getName()), limit);
    new StatefulSetStatusWriter(client, queue)
        .write(
            set, states, current.getMetadata().getName(), update.getMetadata().getName(), minReady);
  }

  /**
   * The claims of pods that exist: a Pending pod's missing ones made again (Kubernetes does), and
   * their owner references set for the retention policy — for every pod beyond the range, and for
   * the ones in it that are not being deleted (a terminating pod's claims wait for its successor).
   */
  private void keepClaims(StatefulSet set, OrdinalPlan.Spec spec, List<Pod> pods) {
    if (set.getSpec().getVolumeClaimTemplates() == null
        || set.getSpec().getVolumeClaimTemplates().isEmpty()) {
      return;
    }
    int end = spec.start() + spec.replicas();
    for (Pod p : pods) {
      int ordinal = ordinal(set, p);
      boolean inRange = ordinal >= spec.start() && ordinal < end;
      boolean terminating = p.getMetadata().getDeletionTimestamp() != null;
      if (inRange && terminating) {
        continue;
      }
      if (inRange && "Pending".equals(p.getStatus() == null ? null : p.getStatus().getPhase())) {
        String why = claims.create(set, p.getMetadata().getName(), ordinal);
        if (why != null && why.contains("failed to create PVC")) {
          throw new KubernetesClientException(why);
        }
      }
      claims.updateOwners(set, p, ordinal, inRange);
    }
  }

  /** Carries out one step; false if the sync should stop here (the cache is behind). */
  private boolean apply(
      StatefulSet set,
      OrdinalPlan.Action action,
      Map<String, ControllerRevision> revisions,
      ControllerRevision update) {
    String setName = set.getMetadata().getName();
    String ns = set.getMetadata().getNamespace();
    switch (action) {
      case OrdinalPlan.Create c -> {
        ControllerRevision r = revisions.getOrDefault(c.revision(), update);
        PodTemplateSpec template =
            r == update ? set.getSpec().getTemplate() : Revisions.template(r);
        Pod pod = StatefulSets.pod(set, template, r.getMetadata().getName(), c.ordinal());
        String name = pod.getMetadata().getName();
        if (claims.stale(set, name, c.ordinal())) {
          return false; // the earlier pod's claim goes first; its deletion enqueues the set
        }
        String missing = claims.create(set, name, c.ordinal());
        if (missing != null) {
          events.warning(
              set,
              "FailedCreate",
              "create Pod " + name + " in StatefulSet " + setName + " failed error: " + missing);
          throw new KubernetesClientException(missing);
        }
        try {
          client.pods().inNamespace(ns).resource(pod).create();
          events.normal(
              set,
              "SuccessfulCreate",
              "create Pod " + name + " in StatefulSet " + setName + " successful");
          return true;
        } catch (KubernetesClientException e) {
          if (e.getCode() == 409) {
            return false; // made by an earlier sync: wait for the cache to show it
          }
          events.warning(
              set,
              "FailedCreate",
              "create Pod "
                  + name
                  + " in StatefulSet "
                  + setName
                  + " failed error: "
                  + PodControl.message(e));
          throw e;
        }
      }
      case OrdinalPlan.Delete d -> {
        try {
          client.pods().inNamespace(ns).withName(d.pod()).delete();
          events.normal(
              set,
              "SuccessfulDelete",
              "delete Pod " + d.pod() + " in StatefulSet " + setName + " successful");
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) {
            events.warning(
                set,
                "FailedDelete",
                "delete Pod "
                    + d.pod()
                    + " in StatefulSet "
                    + setName
                    + " failed error: "
                    + PodControl.message(e));
            throw e;
          }
        }
        return true;
      }
    }
  }

  /** The set's pods: claimed by selector and named {@code <set>-<ordinal>}. */
  private List<Pod> members(StatefulSet set) {
    List<Pod> claimed =
        PodClaims.claim(
            client,
            set,
            LabelSelectors.compile(set.getSpec().getSelector()),
            informers.list(Pod.class, set.getMetadata().getNamespace()));
    return claimed.stream().filter(p -> ordinal(set, p) >= 0).toList();
  }

  /** The pod's ordinal, or -1 if its name is not {@code <set>-<number>}. */
  static int ordinal(StatefulSet set, Pod p) {
    String prefix = set.getMetadata().getName() + "-";
    String name = p.getMetadata().getName();
    if (!name.startsWith(prefix)) {
      return -1;
    }
    String digits = name.substring(prefix.length());
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
      return -1;
    }
    return Integer.parseInt(digits);
  }

  static boolean running(Pod p) {
    return p.getStatus() != null && "Running".equals(p.getStatus().getPhase());
  }

  private String ownerKey(Pod p) {
    OwnerReference ref = Pods.controllerOf(p);
    if (ref == null || !"StatefulSet".equals(ref.getKind())) {
      return null;
    }
    String key = p.getMetadata().getNamespace() + "/" + ref.getName();
    StatefulSet set = informers.get(StatefulSet.class, key);
    return set != null && set.getMetadata().getUid().equals(ref.getUid()) ? key : null;
  }

  private final class SetHandler implements ResourceEventHandler<StatefulSet> {
    @Override
    public void onAdd(StatefulSet s) {
      enqueue(s);
    }

    @Override
    public void onUpdate(StatefulSet old, StatefulSet s) {
      enqueue(s);
    }

    @Override
    public void onDelete(StatefulSet s, boolean unknown) {}
  }

  /** A claim of a set's template that changes or goes may unblock one of its pods. */
  private final class ClaimHandler implements ResourceEventHandler<PersistentVolumeClaim> {
    @Override
    public void onAdd(PersistentVolumeClaim c) {
      route(c); // a claim just made: its owner references can be set now
    }

    @Override
    public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim c) {
      if (!Objects.equals(
              old.getMetadata().getDeletionTimestamp(), c.getMetadata().getDeletionTimestamp())
          || !Objects.equals(
              old.getMetadata().getOwnerReferences(), c.getMetadata().getOwnerReferences())) {
        route(c);
      }
    }

    @Override
    public void onDelete(PersistentVolumeClaim c, boolean unknown) {
      route(c);
    }

    private void route(PersistentVolumeClaim c) {
      for (StatefulSet s : informers.list(StatefulSet.class, c.getMetadata().getNamespace())) {
        if (VolumeClaims.belongsTo(s, c.getMetadata().getName())) {
          enqueue(s);
        }
      }
    }
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod p) {
      route(p, null);
    }

    @Override
    public void onUpdate(Pod old, Pod p) {
      if (!old.getMetadata().getResourceVersion().equals(p.getMetadata().getResourceVersion())) {
        route(p, old);
      }
    }

    @Override
    public void onDelete(Pod p, boolean unknown) {
      route(p, null);
    }

    private void route(Pod p, Pod old) {
      String owner = ownerKey(p);
      if (owner != null) {
        enqueue(owner);
      } else if (Pods.controllerOf(p) == null) {
        for (StatefulSet s : informers.list(StatefulSet.class, p.getMetadata().getNamespace())) {
          if (LabelSelectors.compile(s.getSpec().getSelector()).matches(PodClaims.labels(p))) {
            enqueue(s);
          }
        }
      }
      String oldOwner = old == null ? null : ownerKey(old);
      if (oldOwner != null && !oldOwner.equals(owner)) {
        enqueue(oldOwner);
      }
    }
  }
}
