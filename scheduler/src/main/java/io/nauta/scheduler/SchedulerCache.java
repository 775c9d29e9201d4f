package io.nauta.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.nauta.scheduler.framework.NodeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scheduler's view of the cluster: nodes and the pods assigned to them, including pods it has
 * <em>assumed</em> onto a node while their binding is in flight, so the next cycle counts them.
 * Thread-safe.
 */
public final class SchedulerCache {
  private final Map<String, Node> nodes = new TreeMap<>();
  private final Map<String, Pod> assigned = new HashMap<>();
  private final Set<String> assumed = new HashSet<>();

  public synchronized void putNode(Node node) {
    nodes.put(node.getMetadata().getName(), node);
  }

  public synchronized void removeNode(String name) {
    nodes.remove(name);
  }

  /** Records a pod the API shows bound to a node (replacing an assumption for it). */
  public synchronized void putPod(Pod pod) {
    String key = SchedulingQueue.key(pod);
    assigned.put(key, pod);
    assumed.remove(key);
  }

  public synchronized void removePod(String key) {
    assigned.remove(key);
    assumed.remove(key);
  }

  /** Counts {@code pod} on {@code node} until the API confirms or {@link #forget} undoes it. */
  public synchronized void assume(Pod pod, String node) {
    Pod bound = new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build();
    assigned.put(SchedulingQueue.key(pod), bound);
    assumed.add(SchedulingQueue.key(pod));
  }

  /** Undoes an assumption whose binding failed. */
  public synchronized void forget(Pod pod) {
    String key = SchedulingQueue.key(pod);
    if (assumed.remove(key)) {
      assigned.remove(key);
    }
  }

  /** Every node with the pods assigned to it, in name order. */
  public synchronized List<NodeInfo> snapshot() {
    Map<String, List<Pod>> byNode = new HashMap<>();
    for (Pod p : assigned.values()) {
      byNode.computeIfAbsent(p.getSpec().getNodeName(), n -> new ArrayList<>()).add(p);
    }
    List<NodeInfo> out = new ArrayList<>(nodes.size());
    nodes.forEach((name, node) -> out.add(NodeInfo.of(node, byNode.getOrDefault(name, List.of()))));
    return out;
  }
}
