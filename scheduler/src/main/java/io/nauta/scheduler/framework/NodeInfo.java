package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A node as the scheduler sees it in one snapshot: the Node object, the pods assigned to it (bound
 * or assumed) and what they request. Immutable; {@link #withPod} makes a new one.
 */
public final class NodeInfo {
  private final Node node;
  private final List<Pod> pods;
  private final List<Pod> podsWithAffinity;
  private final Resources requested;
  private final Resources nonZeroRequested;
  private final Resources allocatable;

  private NodeInfo(
      Node node,
      List<Pod> pods,
      List<Pod> podsWithAffinity,
      Resources requested,
      Resources nonZero,
      Resources allocatable) {
    this.node = node;
    this.pods = pods;
    this.podsWithAffinity = podsWithAffinity;
    this.requested = requested;
    this.nonZeroRequested = nonZero;
    this.allocatable = allocatable;
  }

  /** A node with the given pods on it. */
  public static NodeInfo of(Node node, Collection<Pod> pods) {
    Resources requested = Resources.ZERO;
    Resources nonZero = Resources.ZERO;
    for (Pod p : pods) {
      requested = requested.add(Resources.requestsOf(p));
      nonZero = nonZero.add(nonZeroRequestsOf(p));
    }
    Resources allocatable =
        node.getStatus() == null ? Resources.ZERO : Resources.of(node.getStatus().getAllocatable());
    List<Pod> all = List.copyOf(pods);
    return new NodeInfo(
        node,
        all,
        all.stream().filter(NodeInfo::hasPodAffinity).toList(),
        requested,
        nonZero,
        allocatable);
  }

  /** This node with one more pod assigned to it. */
  public NodeInfo withPod(Pod pod) {
    List<Pod> more = new ArrayList<>(pods.size() + 1);
    more.addAll(pods);
    more.add(pod);
    List<Pod> withAffinity = podsWithAffinity;
    if (hasPodAffinity(pod)) {
      List<Pod> l = new ArrayList<>(podsWithAffinity);
      l.add(pod);
      withAffinity = Collections.unmodifiableList(l);
    }
    return new NodeInfo(
        node,
        Collections.unmodifiableList(more),
        withAffinity,
        requested.add(Resources.requestsOf(pod)),
        nonZeroRequested.add(nonZeroRequestsOf(pod)),
        allocatable);
  }

  /**
   * Requests for scoring: containers without a CPU or memory request count as the defaults, so a
   * node full of request-less pods does not look empty.
   */
  public static Resources nonZeroRequestsOf(Pod pod) {
    long cpu = 0;
    long mem = 0;
    if (pod.getSpec() != null) {
      for (Container c : pod.getSpec().getContainers()) {
        Resources r =
            c.getResources() == null
                ? Resources.ZERO
                : Resources.of(c.getResources().getRequests());
        cpu += r.milliCpu() == 0 ? Resources.DEFAULT_MILLI_CPU_REQUEST : r.milliCpu();
        mem += r.memory() == 0 ? Resources.DEFAULT_MEMORY_REQUEST : r.memory();
      }
    }
    return new Resources(cpu, mem, 0, 1, java.util.Map.of());
  }

  public Node node() {
    return node;
  }

  public String name() {
    return node.getMetadata().getName();
  }

  public List<Pod> pods() {
    return pods;
  }

  /**
   * The assigned pods with pod affinity or anti-affinity terms: the only ones whose terms inter-pod
   * affinity must look at (Kubernetes keeps the same list).
   */
  public List<Pod> podsWithAffinity() {
    return podsWithAffinity;
  }

  /** Whether the pod has pod affinity or pod anti-affinity terms. */
  public static boolean hasPodAffinity(Pod p) {
    var a = p.getSpec() == null ? null : p.getSpec().getAffinity();
    return a != null && (a.getPodAffinity() != null || a.getPodAntiAffinity() != null);
  }

  /** What the assigned pods request, added up. */
  public Resources requested() {
    return requested;
  }

  /** {@link #requested} with scoring defaults for request-less containers. */
  public Resources nonZeroRequested() {
    return nonZeroRequested;
  }

  /** What the node offers pods ({@code status.allocatable}). */
  public Resources allocatable() {
    return allocatable;
  }
}
