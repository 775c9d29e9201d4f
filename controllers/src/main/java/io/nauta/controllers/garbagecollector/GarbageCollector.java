package io.nauta.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Discovery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' garbage collector over a graph of every object's uid and ownerReferences, built from
 * one generic informer per deletable kind. Keys are uids. For an object:
 *
 * <ul>
 *   <li>being deleted with the {@code orphan} finalizer: remove its uid from its dependents'
 *       ownerReferences, then the finalizer;
 *   <li>being deleted with the {@code foregroundDeletion} finalizer: delete its dependents (in the
 *       foreground themselves when they have dependents), and remove the finalizer once none is
 *       left;
 *   <li>with ownerReferences: when no owner exists any more (checked against the API before acting,
 *       not only the cache), delete it — in the foreground if an owner is waiting for it; when only
 *       some are gone, drop the references to those.
 * </ul>
 */
public final class GarbageCollector extends Controller {
  static final String ORPHAN = "orphan";
  static final String FOREGROUND = "foregroundDeletion";

  /** What the collector knows of one object. */
  record Node(
      String uid,
      Discovery.Kind kind,
      String namespace,
      String name,
      List<OwnerReference> owners,
      boolean deleting,
      List<String> finalizers) {
    boolean deletingWith(String finalizer) {
      return deleting && finalizers.contains(finalizer);
    }
  }

  private final KubernetesClient client;
  private final Map<String, Discovery.Kind> kindsByType = new HashMap<>();
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final Map<String, Node> graph = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> dependents = new ConcurrentHashMap<>();

  public GarbageCollector(KubernetesClient client, List<Discovery.Kind> kinds) {
    super("garbagecollector", 2);
    this.client = client;
    for (Discovery.Kind k : kinds) {
      kindsByType.put(k.apiVersion() + "/" + k.kind(), k);
      SharedIndexInformer<GenericKubernetesResource> i =
          client.genericKubernetesResources(k.context()).inAnyNamespace().runnableInformer(0);
      i.addEventHandler(new Handler(k));
      informers.add(i);
    }
  }

  /** Starts the informers and waits for their first lists. */
  public void startInformers() throws Exception {
    List<java.util.concurrent.CompletableFuture<Void>> started = new ArrayList<>();
    for (SharedIndexInformer<GenericKubernetesResource> i : informers) {
      started.add(i.start().toCompletableFuture());
    }
    for (var s : started) {
      s.get();
    }
  }

  @Override
  protected void sync(String uid) {
    Node n = graph.get(uid);
    if (n == null) {
      return;
    }
    if (n.deletingWith(ORPHAN)) {
      for (String d : dependentsOf(uid)) {
        Node dep = graph.get(d);
        if (dep != null) {
          edit(
              dep, r -> r.getMetadata().getOwnerReferences().removeIf(o -> uid.equals(o.getUid())));
        }
      }
      edit(n, r -> r.getMetadata().getFinalizers().remove(ORPHAN));
      return;
    }
    if (n.deletingWith(FOREGROUND)) {
      Set<String> left = dependentsOf(uid);
      if (left.isEmpty()) {
        edit(n, r -> r.getMetadata().getFinalizers().remove(FOREGROUND));
      }
      for (String d : left) {
        Node dep = graph.get(d);
        if (dep != null && !dep.deleting()) {
          delete(
              dep,
              dependentsOf(d).isEmpty()
                  ? DeletionPropagation.BACKGROUND
                  : DeletionPropagation.FOREGROUND);
        }
      }
      return;
    }
    if (n.owners().isEmpty() || n.deleting()) {
      return;
    }
    List<OwnerReference> gone = new ArrayList<>();
    boolean solid = false;
    boolean waitedFor = false;
    for (OwnerReference ref : n.owners()) {
      Node owner = graph.get(ref.getUid());
      if (owner == null && !existsInApi(n, ref)) {
        gone.add(ref);
      } else if (owner != null && owner.deletingWith(FOREGROUND)) {
        waitedFor |= Boolean.TRUE.equals(ref.getBlockOwnerDeletion());
      } else {
        solid = true;
      }
    }
    if (!solid && (waitedFor || gone.size() == n.owners().size())) {
      delete(n, waitedFor ? DeletionPropagation.FOREGROUND : DeletionPropagation.BACKGROUND);
    } else if (!gone.isEmpty()) {
      Set<String> goneUids = Set.copyOf(gone.stream().map(OwnerReference::getUid).toList());
      edit(
          n,
          r -> r.getMetadata().getOwnerReferences().removeIf(o -> goneUids.contains(o.getUid())));
    }
  }

  /**
   * Whether the owner a reference names exists with that uid, asked of the API itself: the cache
   * may not have seen a new owner yet, and deleting on a stale cache cannot be undone.
   */
  private boolean existsInApi(Node dependent, OwnerReference ref) {
    Discovery.Kind kind = kindsByType.get(ref.getApiVersion() + "/" + ref.getKind());
    if (kind == null) {
      return true; // a kind we cannot look up: never collect on a guess
    }
    var ops = client.genericKubernetesResources(kind.context());
    GenericKubernetesResource owner =
        kind.namespaced()
            ? ops.inNamespace(dependent.namespace()).withName(ref.getName()).get()
            : ops.withName(ref.getName()).get();
    return owner != null && ref.getUid().equals(owner.getMetadata().getUid());
  }

  private Set<String> dependentsOf(String uid) {
    return Set.copyOf(dependents.getOrDefault(uid, Set.of()));
  }

  private Resource<GenericKubernetesResource> resource(Node n) {
    var ops = client.genericKubernetesResources(n.kind().context());
    return n.kind().namespaced()
        ? ops.inNamespace(n.namespace()).withName(n.name())
        : ops.withName(n.name());
  }

  private void delete(Node n, DeletionPropagation policy) {
    try {
      resource(n).withPropagationPolicy(policy).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void edit(Node n, java.util.function.Consumer<GenericKubernetesResource> change) {
    try {
      resource(n)
          .edit(
              r -> {
                change.accept(r);
                return r;
              });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void put(Discovery.Kind kind, GenericKubernetesResource r) {
    var meta = r.getMetadata();
    Node n =
        new Node(
            meta.getUid(),
            kind,
            meta.getNamespace(),
            meta.getName(),
            List.copyOf(meta.getOwnerReferences()),
            meta.getDeletionTimestamp() != null,
            List.copyOf(meta.getFinalizers()));
    Node old = graph.put(n.uid(), n);
    if (old != null) {
      old.owners().forEach(o -> unlink(o.getUid(), n.uid()));
    }
    n.owners()
        .forEach(
            o ->
                dependents
                    .computeIfAbsent(o.getUid(), k -> ConcurrentHashMap.newKeySet())
                    .add(n.uid()));
    boolean changed =
        old == null
            || !old.owners().equals(n.owners())
            || old.deleting() != n.deleting()
            || !old.finalizers().equals(n.finalizers());
    if (changed
        && (!n.owners().isEmpty() || n.deletingWith(ORPHAN) || n.deletingWith(FOREGROUND))) {
      enqueue(n.uid());
    }
  }

  private void remove(GenericKubernetesResource r) {
    Node n = graph.remove(r.getMetadata().getUid());
    if (n == null) {
      return;
    }
    n.owners().forEach(o -> unlink(o.getUid(), n.uid()));
    // its dependents may be orphans now; its owners may be waiting for it
    dependentsOf(n.uid()).forEach(this::enqueue);
    n.owners().forEach(o -> enqueue(o.getUid()));
  }

  private void unlink(String owner, String dependent) {
    dependents.computeIfPresent(
        owner,
        (k, set) -> {
          set.remove(dependent);
          return set.isEmpty() ? null : set;
        });
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final Discovery.Kind kind;

    Handler(Discovery.Kind kind) {
      this.kind = kind;
    }

    @Override
    public void onAdd(GenericKubernetesResource r) {
      put(kind, r);
    }

    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource r) {
      if (!Objects.equals(
          old.getMetadata().getResourceVersion(), r.getMetadata().getResourceVersion())) {
        put(kind, r);
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource r, boolean unknown) {
      remove(r);
    }
  }

  @Override
  public void close() {
    super.close();
    informers.forEach(SharedIndexInformer::close);
  }
}
