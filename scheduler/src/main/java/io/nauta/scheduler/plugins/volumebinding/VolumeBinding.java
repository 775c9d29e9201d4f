package io.nauta.scheduler.plugins.volumebinding;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySelectorLabelRequirement;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.nauta.client.nodes.NodeSelectors;
import io.nauta.client.volumes.PodClaims;
import io.nauta.client.volumes.StorageAnnotations;
import io.nauta.client.volumes.VolumeMatcher;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.Listers;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Selectors;
import io.nauta.scheduler.framework.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' VolumeBinding plugin (see the package description). Free volumes chosen for a pod are
 * assumed taken from Reserve until the pod is bound or given up, so two pods scheduled one after
 * the other never pick the same volume.
 */
public final class VolumeBinding
    implements Plugin.PreFilter, Plugin.Filter, Plugin.Reserve, Plugin.PreBind {
  public static final String NAME = "VolumeBinding";
  public static final String UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
  public static final String AFFINITY_CONFLICT = "node(s) had volume node affinity conflict";
  public static final String BIND_CONFLICT =
      "node(s) didn't find available persistent volumes to bind";

  /** Kubernetes' provisioner name for classes of statically made volumes only. */
  static final String NO_PROVISIONER = "kubernetes.io/no-provisioner";

  private static final String STATE = NAME;
  private static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

  /** The API writes binding needs; {@link #NONE} refuses (a scheduler without an API). */
  public interface Writes {
    Writes NONE =
        new Writes() {
          @Override
          public void bindVolume(PersistentVolume volume, PersistentVolumeClaim claim) {
            throw new IllegalStateException("no API to bind volumes through");
          }

          @Override
          public void selectNode(PersistentVolumeClaim claim, String node) {
            throw new IllegalStateException("no API to select a node through");
          }
        };

    /**
     * Points {@code volume}'s claimRef at {@code claim}, as the volume controller would; it then
     * completes the binding.
     */
    void bindVolume(PersistentVolume volume, PersistentVolumeClaim claim);

    /** Annotates {@code claim} with the node to provision its volume for. */
    void selectNode(PersistentVolumeClaim claim, String node);
  }

  /** The pod's claims by what they need: checked on every node, or bound to a node's volume. */
  private record ClaimsToCheck(
      List<PersistentVolume> boundVolumes, List<PersistentVolumeClaim> toBind) {}

  /** What binding the pod to one node takes. */
  record Decision(
      Map<PersistentVolumeClaim, PersistentVolume> staticBindings,
      List<PersistentVolumeClaim> toProvision) {
    boolean isEmpty() {
      return staticBindings.isEmpty() && toProvision.isEmpty();
    }
  }

  private final Writes writes;
  private final Clock clock;
  private final Duration bindTimeout;

  /** Free volumes assumed taken by a pod between Reserve and its binding: volume → claim key. */
  private final Map<String, String> assumed = new ConcurrentHashMap<>();

  /**
   * @param bindTimeout how long PreBind waits for the pod's claims to be bound (Kubernetes: 10
   *     minutes)
   */
  public VolumeBinding(Writes writes, Clock clock, Duration bindTimeout) {
    this.writes = writes;
    this.clock = clock;
    this.bindTimeout = bindTimeout;
  }

  public VolumeBinding() {
    this(Writes.NONE, Clock.systemUTC(), Duration.ofMinutes(10));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    List<String> claimNames = PodClaims.names(pod);
    if (claimNames.isEmpty()) {
      return new Status(Status.Code.SKIP, List.of(), NAME);
    }
    Listers listers = state.listers();
    String namespace = Selectors.namespace(pod);
    List<PersistentVolume> bound = new ArrayList<>();
    List<PersistentVolumeClaim> toBind = new ArrayList<>();
    boolean unboundImmediate = false;
    for (String name : claimNames) {
      PersistentVolumeClaim claim = listers.persistentVolumeClaim(namespace, name);
      if (claim == null) {
        return Status.unresolvable(NAME, "persistentvolumeclaim \"" + name + "\" not found");
      }
      if (claim.getMetadata().getDeletionTimestamp() != null) {
        return Status.unresolvable(NAME, "persistentvolumeclaim \"" + name + "\" is being deleted");
      }
      if (isBound(claim)) {
        PersistentVolume volume = listers.persistentVolume(claim.getSpec().getVolumeName());
        if (volume == null) {
          return Status.unresolvable(
              NAME, "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)");
        }
        bound.add(volume);
        continue;
      }
      String className = StorageAnnotations.claimClass(claim);
      StorageClass sc = className.isEmpty() ? null : listers.storageClass(className);
      if (!className.isEmpty() && sc == null) {
        return Status.unresolvable(
            NAME, "storageclass.storage.k8s.io \"" + className + "\" not found");
      }
      if (sc != null && WAIT_FOR_FIRST_CONSUMER.equals(sc.getVolumeBindingMode())) {
        toBind.add(claim);
      } else {
        unboundImmediate = true;
      }
    }
    if (unboundImmediate) {
      return Status.unresolvable(NAME, UNBOUND_IMMEDIATE);
    }
    state.write(STATE, new ClaimsToCheck(List.copyOf(bound), List.copyOf(toBind)));
    return Status.SUCCESS;
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo node) {
    ClaimsToCheck claims = state.read(STATE, ClaimsToCheck.class).orElse(null);
    if (claims == null) {
      return Status.SUCCESS;
    }
    for (PersistentVolume volume : claims.boundVolumes()) {
      if (!admits(volume, node.node())) {
        return Status.unresolvable(NAME, AFFINITY_CONFLICT);
      }
    }
    if (claims.toBind().isEmpty()) {
      return Status.SUCCESS;
    }
    Decision decision = decide(state.listers(), claims.toBind(), node.node());
    if (decision == null) {
      return Status.unresolvable(NAME, BIND_CONFLICT);
    }
    state.write(decisionKey(node.name()), decision);
    return Status.SUCCESS;
  }

  /**
   * How {@code claims} (unbound, WaitForFirstConsumer) get volumes on {@code node}: each binds the
   * best free volume there, or is provisioned there; null when one can do neither.
   */
  Decision decide(Listers listers, List<PersistentVolumeClaim> claims, Node node) {
    Map<PersistentVolumeClaim, PersistentVolume> chosen = new java.util.LinkedHashMap<>();
    List<PersistentVolumeClaim> toProvision = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    List<PersistentVolume> volumes = listers.persistentVolumes();
    for (PersistentVolumeClaim claim : claims) {
      String key = key(claim);
      var match =
          VolumeMatcher.findBestMatch(
              claim,
              volumes,
              false,
              v ->
                  admits(v, node)
                      && !taken.contains(v.getMetadata().getName())
                      && key.equals(assumed.getOrDefault(v.getMetadata().getName(), key)));
      if (match.isPresent()) {
        taken.add(match.get().getMetadata().getName());
        chosen.put(claim, match.get());
      } else if (provisionable(listers, claim, node)) {
        toProvision.add(claim);
      } else {
        return null;
      }
    }
    return new Decision(chosen, toProvision);
  }

  private static boolean provisionable(Listers listers, PersistentVolumeClaim claim, Node node) {
    StorageClass sc = listers.storageClass(StorageAnnotations.claimClass(claim));
    if (sc == null || sc.getProvisioner() == null || NO_PROVISIONER.equals(sc.getProvisioner())) {
      return false;
    }
    if (StorageAnnotations.LOCAL_PATH_PROVISIONER.equals(sc.getProvisioner())
        && !StorageAnnotations.has(node, StorageAnnotations.LOCAL_PATH_NODE_DIRECTORY)) {
      return false; // its agent keeps no local-path volumes
    }
    List<TopologySelectorTerm> terms = sc.getAllowedTopologies();
    return terms == null || terms.isEmpty() || terms.stream().anyMatch(t -> matches(t, node));
  }

  /** A topology term's requirements are ANDed; each requires the label to be one of its values. */
  private static boolean matches(TopologySelectorTerm term, Node node) {
    Map<String, String> labels = Selectors.nodeLabels(node);
    for (TopologySelectorLabelRequirement r : term.getMatchLabelExpressions()) {
      if (!r.getValues().contains(labels.get(r.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code volume}'s node affinity (if any) admits {@code node}. */
  static boolean admits(PersistentVolume volume, Node node) {
    var affinity = volume.getSpec().getNodeAffinity();
    if (affinity == null || affinity.getRequired() == null) {
      return true;
    }
    return NodeSelectors.matchesAny(affinity.getRequired().getNodeSelectorTerms(), node);
  }

  @Override
  public Status reserve(CycleState state, Pod pod, String node) {
    Decision decision = state.read(decisionKey(node), Decision.class).orElse(null);
    if (decision == null) {
      return Status.SUCCESS;
    }
    for (var e : decision.staticBindings().entrySet()) {
      String volume = e.getValue().getMetadata().getName();
      String claim = key(e.getKey());
      String holder = assumed.putIfAbsent(volume, claim);
      if (holder != null && !holder.equals(claim)) {
        unreserve(state, pod, node);
        return Status.unschedulable(NAME, BIND_CONFLICT);
      }
    }
    return Status.SUCCESS;
  }

  @Override
  public void unreserve(CycleState state, Pod pod, String node) {
    state
        .read(decisionKey(node), Decision.class)
        .ifPresent(
            d ->
                d.staticBindings()
                    .forEach(
                        (claim, volume) ->
                            assumed.remove(volume.getMetadata().getName(), key(claim))));
  }

  /**
   * Binds the chosen free volumes and selects the node for claims to provision, then waits until
   * every claim of the pod is bound, so the node agent finds their volumes when the pod arrives.
   */
  @Override
  public Status preBind(CycleState state, Pod pod, String node) {
    Decision decision = state.read(decisionKey(node), Decision.class).orElse(null);
    if (decision == null || decision.isEmpty()) {
      return Status.SUCCESS;
    }
    try {
      decision.staticBindings().forEach((claim, volume) -> writes.bindVolume(volume, claim));
      for (PersistentVolumeClaim claim : decision.toProvision()) {
        writes.selectNode(claim, node);
      }
    } catch (RuntimeException e) {
      return Status.error(NAME, "binding volumes: " + e.getMessage());
    }
    Set<String> waiting = new LinkedHashSet<>();
    decision.staticBindings().keySet().forEach(c -> waiting.add(c.getMetadata().getName()));
    decision.toProvision().forEach(c -> waiting.add(c.getMetadata().getName()));
    Status done = awaitBound(state.listers(), Selectors.namespace(pod), waiting);
    decision.staticBindings().values().forEach(v -> assumed.remove(v.getMetadata().getName()));
    return done;
  }

  private Status awaitBound(Listers listers, String namespace, Set<String> claims) {
    Instant deadline = clock.instant().plus(bindTimeout);
    while (true) {
      claims.removeIf(
          name -> {
            PersistentVolumeClaim c = listers.persistentVolumeClaim(namespace, name);
            return c != null && isBound(c);
          });
      if (claims.isEmpty()) {
        return Status.SUCCESS;
      }
      for (String name : claims) {
        PersistentVolumeClaim c = listers.persistentVolumeClaim(namespace, name);
        if (c == null || c.getMetadata().getDeletionTimestamp() != null) {
          return Status.error(
              NAME, "binding volumes: persistentvolumeclaim \"" + name + "\" was deleted");
        }
      }
      if (!clock.instant().isBefore(deadline)) {
        return Status.error(NAME, "binding volumes: context deadline exceeded");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Status.error(NAME, "binding volumes: interrupted");
      }
    }
  }

  /** Bound as the volume controller finishes it: a volume named and the binding completed. */
  static boolean isBound(PersistentVolumeClaim claim) {
    String volume = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
    return volume != null
        && !volume.isEmpty()
        && StorageAnnotations.has(claim, StorageAnnotations.BIND_COMPLETED);
  }

  private static String decisionKey(String node) {
    return STATE + "/" + node;
  }

  private static String key(PersistentVolumeClaim claim) {
    return claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName();
  }
}
