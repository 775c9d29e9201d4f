package io.nauta.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.NodeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scheduler's view of the cluster: nodes and the pods assigned to them, including pods it has
 * <em>assumed</em> onto a node while their binding is in flight, so the next cycle counts them.
 * Each node's {@link NodeInfo} is kept up to date incrementally, so a snapshot costs one list copy.
 * Thread-safe.
 */
public final class SchedulerCache {
  private final Map<String, Node> nodes = new TreeMap<>();
  private final Map<String, NodeInfo> infos = new TreeMap<>();
  private final Map<String, Pod> assigned = new HashMap<>();
  private final Map<String, String> nodeOf = new HashMap<>();
  private final Map<String, Map<String, Pod>> podsByNode = new HashMap<>();
  private final Set<String> assumed = new HashSet<>();

  public synchronized void putNode(Node node) {
    String name = node.getMetadata().getName();
    nodes.put(name, node);
    rebuild(name);
  }

  public synchronized void removeNode(String name) {
    nodes.remove(name);
    infos.remove(name);
  }

  /** Records a pod the API shows bound to a node (replacing an assumption for it). */
  public synchronized void putPod(Pod pod) {
    String key = SchedulingQueue.key(pod);
    assumed.remove(key);
    place(key, pod, pod.getSpec().getNodeName());
  }

  public synchronized void removePod(String key) {
    assumed.remove(key);
    String node = nodeOf.remove(key);
    if (node != null) {
      assigned.remove(key);
      unplace(key, node);
    }
  }

  /**
   * Counts {@code pod} on {@code node} until the API confirms or {@link #forget} undoes it. The pod
   * object is shared, not copied: its own {@code spec.nodeName} stays empty until the API's copy
   * replaces it.
   */
  public synchronized void assume(Pod pod, String node) {
    String key = SchedulingQueue.key(pod);
    place(key, pod, node);
    assumed.add(key);
  }

  /** Undoes an assumption whose binding failed. */
  public synchronized void forget(Pod pod) {
    String key = SchedulingQueue.key(pod);
    if (assumed.remove(key)) {
      removePod(key);
    }
  }

  /** Every node with the pods assigned to it, in name order. */
  public synchronized List<NodeInfo> snapshot() {
    return new ArrayList<>(infos.values());
  }

  private void place(String key, Pod pod, String node) {
    assigned.put(key, pod);
    String old = nodeOf.put(key, node);
    if (old != null) {
      unplace(key, old);
    }
    podsByNode.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(key, pod);
    NodeInfo info = infos.get(node);
    if (info != null) {
      infos.put(node, info.withPod(pod));
    }
  }

  private void unplace(String key, String node) {
    Map<String, Pod> on = podsByNode.get(node);
    if (on != null && on.remove(key) != null) {
      rebuild(node);
    }
  }

  private void rebuild(String node) {
    Node n = nodes.get(node);
    if (n != null) {
      infos.put(node, NodeInfo.of(n, podsByNode.getOrDefault(node, Map.of()).values()));
    }
  }
}
