package io.nauta.scheduler.plugins.imagelocality;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Plugin;
import io.nauta.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prefers nodes that already hold the pod's images. PreFilter, which sees every node of the
 * snapshot, counts how many nodes hold each image: Kubernetes spreads by the share of all nodes,
 * not only the feasible ones. Stateless.
 */
public final class ImageLocality implements Plugin.PreFilter, Plugin.Score {
  public static final String NAME = "ImageLocality";

  private static final long MB = 1024L * 1024;

  /** Below this much image data per pod a node gets 0: small images pull quickly anyway. */
  static final long MIN_THRESHOLD = 23 * MB;

  /** Per container, image data beyond this scores no higher. */
  static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

  private static final String STATE = NAME + "/spread";

  /** How many of {@code totalNodes} nodes hold each normalised image name. */
  private record Spread(Map<String, Integer> nodesWithImage, int totalNodes) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    Set<String> wanted = new HashSet<>();
    containers(pod).forEach(c -> wanted.add(normalize(c.getImage())));
    Map<String, Integer> counts = new HashMap<>();
    for (NodeInfo n : nodes) {
      // the hot loop of a cycle in big clusters: no per-node allocation
      if (n.node().getStatus() == null || n.node().getStatus().getImages().isEmpty()) {
        continue;
      }
      Set<String> held = new HashSet<>();
      for (ContainerImage image : n.node().getStatus().getImages()) {
        for (String name : image.getNames()) {
          String normal = normalize(name);
          if (wanted.contains(normal)) {
            held.add(normal);
          }
        }
      }
      held.forEach(image -> counts.merge(image, 1, Integer::sum));
    }
    state.write(STATE, new Spread(counts, nodes.size()));
    return Status.SUCCESS;
  }

  /**
   * 0..100: the sum over the pod's containers (init containers included) of the size of each image
   * the node holds times the share of nodes holding it, clamped to [23 MB, 1000 MB * containers]
   * and mapped linearly onto 0..100.
   */
  @Override
  public long score(CycleState state, Pod pod, NodeInfo node) {
    // without PreFilter's counts, treat the node as the only one: no spreading discount
    Spread spread = state.read(STATE, Spread.class).orElse(null);
    Map<String, Long> held = images(node.node());
    List<Container> containers = containers(pod);
    double sum = 0;
    for (Container c : containers) {
      String image = normalize(c.getImage());
      Long size = held.get(image);
      if (size == null) {
        continue;
      }
      double share =
          spread == null || spread.totalNodes() == 0
              ? 1.0
              : (double) spread.nodesWithImage().getOrDefault(image, 1) / spread.totalNodes();
      sum += size * share;
    }
    return scaled((long) sum, containers.size());
  }

  /** Maps summed image bytes onto 0..100 between the thresholds for {@code containers}. */
  static long scaled(long sumBytes, int containers) {
    long max = MAX_CONTAINER_THRESHOLD * Math.max(1, containers);
    long clamped = Math.max(MIN_THRESHOLD, Math.min(max, sumBytes));
    return MAX_SCORE * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD);
  }

  private static List<Container> containers(Pod pod) {
    if (pod.getSpec() == null) {
      return List.of();
    }
    List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers());
    all.addAll(pod.getSpec().getContainers());
    all.removeIf(c -> c.getImage() == null || c.getImage().isEmpty());
    return all;
  }

  /** The images a node reports holding, by every name each is known as, to size in bytes. */
  private static Map<String, Long> images(Node node) {
    Map<String, Long> out = new HashMap<>();
    if (node.getStatus() == null) {
      return out;
    }
    for (ContainerImage image : node.getStatus().getImages()) {
      long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
      for (String name : image.getNames()) {
        out.put(normalize(name), size);
      }
    }
    return out;
  }

  /**
   * The name a runtime reports for an image reference: {@code :latest} appended when it has no tag
   * or digest (a colon after the last slash is a tag; one before it is a registry port).
   */
  static String normalize(String image) {
    if (image.contains("@")) {
      return image;
    }
    int slash = image.lastIndexOf('/');
    return image.indexOf(':', slash + 1) >= 0 ? image : image + ":latest";
  }
}
