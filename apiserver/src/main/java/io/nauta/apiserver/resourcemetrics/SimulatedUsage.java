package io.nauta.apiserver.resourcemetrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.quantity.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage simulated nodes (labelled {@value #SIMULATED_LABEL}, which run no containers and have
 * no agent to ask) report: each running container uses half of its requests (1m of CPU and 1Mi of
 * memory without requests), or what the pod's annotations {@value #CPU_ANNOTATION} and {@value
 * #MEMORY_ANNOTATION} say (a quantity each of its containers uses, e.g. {@code 900m} and {@code
 * 64Mi}). Annotations are read at every scrape, so {@code kubectl annotate pods -l app=web
 * simulator.nauta.io/cpu-usage=900m --overwrite} changes the load at once (and an annotation in a
 * Deployment's template gives its new pods that load), which lets scale tests drive autoscaling.
 * The node uses the sum of its pods. Deterministic and pure.
 */
public final class SimulatedUsage {
  /** The label {@code nauta simulate nodes} puts on its nodes. */
  public static final String SIMULATED_LABEL = "nauta.io/simulated";

  public static final String CPU_ANNOTATION = "simulator.nauta.io/cpu-usage";
  public static final String MEMORY_ANNOTATION = "simulator.nauta.io/memory-usage";

  private static final long DEFAULT_NANOCORES = 1_000_000L;
  private static final long DEFAULT_BYTES = 1L << 20;

  private SimulatedUsage() {}

  /** Whether {@code node} (a Node object) is simulated. */
  public static boolean isSimulated(JsonNode node) {
    return "true".equals(node.path("metadata").path("labels").path(SIMULATED_LABEL).asText());
  }

  /** The summary of simulated node {@code node} running {@code pods} (those bound to it). */
  public static Summary summary(String node, List<? extends JsonNode> pods, Instant now) {
    long nodeCores = 0;
    long nodeBytes = 0;
    List<Summary.PodUsage> usages = new ArrayList<>();
    for (JsonNode pod : pods) {
      if (!"Running".equals(pod.path("status").path("phase").asText())
          || pod.path("metadata").hasNonNull("deletionTimestamp")) {
        continue;
      }
      JsonNode annotations = pod.path("metadata").path("annotations");
      List<Summary.ContainerUsage> containers = new ArrayList<>();
      for (JsonNode c : pod.path("spec").path("containers")) {
        JsonNode requests = c.path("resources").path("requests");
        long cores =
            amount(annotations.path(CPU_ANNOTATION), 9)
                .orElse(half(requests.path("cpu"), 9, DEFAULT_NANOCORES));
        long bytes =
            amount(annotations.path(MEMORY_ANNOTATION), 0)
                .orElse(half(requests.path("memory"), 0, DEFAULT_BYTES));
        nodeCores += cores;
        nodeBytes += bytes;
        containers.add(
            new Summary.ContainerUsage(
                c.path("name").asText(), null, new Summary.Usage(now, null, cores, bytes)));
      }
      usages.add(
          new Summary.PodUsage(
              pod.path("metadata").path("namespace").asText(),
              pod.path("metadata").path("name").asText(),
              containers));
    }
    return new Summary(node, new Summary.Usage(now, null, nodeCores, nodeBytes), usages);
  }

  private static long half(JsonNode quantity, int scale, long otherwise) {
    return amount(quantity, scale).map(v -> v / 2).orElse(otherwise);
  }

  /** A quantity in units of 10^-scale, when {@code q} is one. */
  private static java.util.Optional<Long> amount(JsonNode q, int scale) {
    if (!q.isTextual()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Quantity.parse(q.asText()).scaledValue(-scale));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
