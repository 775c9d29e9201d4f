package io.nauta.apiserver.resourcemetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.ListOptions;
import io.nauta.apiserver.registry.Lister;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code resolution}, reads the stats summary of every Ready node at once (each on a virtual
 * thread, each given at most the resolution) and hands the round's answers to the {@link
 * MetricsWindow}: real nodes through a {@link SummarySource} (their agents), simulated ones from
 * their pods' requests and annotations ({@link SimulatedUsage}). A node that fails is logged once
 * until it answers again and has no metrics meanwhile.
 */
public final class SummaryScraper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryScraper.class);

  private final Registry registry;
  private final SummarySource agents;
  private final MetricsWindow window;
  private final Duration resolution;
  private final Clock clock;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private ScheduledExecutorService timer;

  public SummaryScraper(
      Registry registry,
      SummarySource agents,
      MetricsWindow window,
      Duration resolution,
      Clock clock) {
    this.registry = registry;
    this.agents = agents;
    this.window = window;
    this.resolution = resolution;
    this.clock = clock;
  }

  /** Scrapes now and then every resolution, on a daemon thread of its own. */
  public SummaryScraper start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("metrics-scraper").unstarted(r));
    timer.scheduleAtFixedRate(
        () -> {
          try {
            scrape();
          } catch (RuntimeException e) {
            LOG.warn("resource metrics scrape failed", e);
          }
        },
        0,
        resolution.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round: reads every Ready node and replaces the window's contents. */
  public void scrape() {
    ResourceType nodesType = type("nodes");
    Lister lister = new Lister(registry);
    List<ObjectNode> nodes =
        lister.list(nodesType, null, ListOptions.all()).items().stream()
            .filter(SummaryScraper::ready)
            .toList();
    Map<String, List<ObjectNode>> podsByNode = new HashMap<>();
    if (nodes.stream().anyMatch(SimulatedUsage::isSimulated)) {
      for (ObjectNode pod : lister.list(type("pods"), null, ListOptions.all()).items()) {
        String node = pod.path("spec").path("nodeName").asText("");
        if (!node.isEmpty()) {
          podsByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(pod);
        }
      }
    }
    Map<String, Future<Summary>> pending = new HashMap<>();
    for (ObjectNode node : nodes) {
      String name = node.path("metadata").path("name").asText();
      if (SimulatedUsage.isSimulated(node)) {
        List<ObjectNode> pods = podsByNode.getOrDefault(name, List.of());
        pending.put(
            name, workers.submit(() -> SimulatedUsage.summary(name, pods, clock.instant())));
      } else {
        pending.put(name, workers.submit(() -> agents.fetch(node)));
      }
    }
    long deadline = System.nanoTime() + resolution.toNanos();
    Map<String, Summary> answers = new HashMap<>();
    pending.forEach(
        (name, f) -> {
          try {
            answers.put(
                name, f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            if (failing.remove(name)) {
              LOG.info("resource metrics of node {} are read again", name);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
          } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            f.cancel(true);
            if (failing.add(name)) {
              Throwable why = e.getCause() == null ? e : e.getCause();
              LOG.warn("cannot read the resource metrics of node {}: {}", name, why.toString());
            }
          }
        });
    failing.retainAll(pending.keySet());
    window.replace(answers);
  }

  private ResourceType type(String plural) {
    return registry
        .catalog()
        .find("", "v1", plural)
        .orElseThrow(() -> new IllegalStateException(plural + " are not served"));
  }

  private static boolean ready(JsonNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    workers.shutdownNow();
  }
}
