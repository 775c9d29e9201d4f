package io.nauta.controllers.tainteviction;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.taints.Tolerations;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evicts pods from nodes with NoExecute taints, when {@link Tolerations#evictionTime} says: the pod
 * first gets the condition DisruptionTarget (reason DeletionByTaintManager), then is deleted with
 * its grace period; its controller replaces it elsewhere. Keys are pods; a node whose NoExecute
 * taints change has all its pods looked at again.
 */
public final class TaintEvictionController extends Controller {
  private final KubernetesClient client;
  private final Informers informers;
  private final EventRecorder events;
  private final Clock clock;

  public TaintEvictionController(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    super("taint-eviction", 4);
    this.client = client;
    this.informers = informers;
    this.events = events.as("taint-eviction-controller");
    this.clock = clock;
    informers.of(Node.class).addEventHandler(new NodeHandler());
    informers.of(Pod.class).addEventHandler(new PodHandler());
  }

  @Override
  public void setActive(boolean active) {
    if (active) {
      // a new leader looks at every pod on a NoExecute-tainted node; timers of the old one are gone
      for (Node n : informers.of(Node.class).getStore().list()) {
        if (!noExecute(n).isEmpty()) {
          informers.podsOn(n.getMetadata().getName()).forEach(this::enqueue);
        }
      }
    }
    super.setActive(active);
  }

  @Override
  protected void sync(String key) {
    Pod pod = informers.get(Pod.class, key);
    if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String nodeName = pod.getSpec().getNodeName();
    Node node = nodeName == null ? null : informers.get(Node.class, nodeName);
    if (node == null) {
      return;
    }
    List<Taint> taints = noExecute(node);
    if (taints.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Optional<Instant> due = Tolerations.evictionTime(pod.getSpec().getTolerations(), taints, now);
    if (due.isEmpty()) {
      return;
    }
    if (due.get().isAfter(now)) {
      queue.addAfter(key, Duration.between(now, due.get()));
      return;
    }
    evict(pod, now);
  }

  private void evict(Pod pod, Instant now) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + ns + "/" + name);
    Pod marked =
        Pods.withDisruptionTarget(
            pod, "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint", now);
    try {
      client.pods().inNamespace(ns).resource(marked).patchStatus();
      client.pods().inNamespace(ns).withName(name).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static List<Taint> noExecute(Node node) {
    if (node.getSpec() == null) {
      return List.of();
    }
    return node.getSpec().getTaints().stream()
        .filter(t -> "NoExecute".equals(t.getEffect()))
        .toList();
  }

  private final class NodeHandler implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node n) {
      changed(n);
    }

    @Override
    public void onUpdate(Node old, Node n) {
      if (!Objects.equals(noExecute(old), noExecute(n))) {
        changed(n);
      }
    }

    @Override
    public void onDelete(Node n, boolean unknown) {}

    private void changed(Node n) {
      if (!noExecute(n).isEmpty()) {
        informers.podsOn(n.getMetadata().getName()).forEach(TaintEvictionController.this::enqueue);
      }
    }
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod p) {
      check(p);
    }

    @Override
    public void onUpdate(Pod old, Pod p) {
      if (!Objects.equals(old.getSpec().getNodeName(), p.getSpec().getNodeName())) {
        check(p);
      }
    }

    @Override
    public void onDelete(Pod p, boolean unknown) {}

    private void check(Pod p) {
      String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
      if (node != null && p.getMetadata().getDeletionTimestamp() == null) {
        Node n = informers.get(Node.class, node);
        if (n != null && !noExecute(n).isEmpty()) {
          enqueue(p);
        }
      }
    }
  }
}
