package io.nauta.apiserver.resourcemetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The short in-memory window metrics are served from: per node, the summary of the last scrape and
 * the one before, and what they give — a CPU rate (the cumulative CPU time's change over the time
 * between the two samples) and the latest memory working set, with the sample's timestamp and the
 * window the rate covers. A container seen once (or restarted since) uses the rate its node
 * measured itself, over one resolution. A pod is served only when every container of it has a
 * metric, a node only when it has, as metrics-server does. Reads are lock-free snapshots; one
 * scraper writes.
 */
public final class MetricsWindow {
  /** A node's (or a whole pod's) CPU rate and memory at {@code timestamp}, over {@code window}. */
  public record Point(Instant timestamp, Duration window, long nanoCores, long workingSetBytes) {}

  /** One container's CPU rate and memory. */
  public record ContainerPoint(String name, long nanoCores, long workingSetBytes) {}

  /** A pod's containers at {@code timestamp}, over {@code window}. */
  public record PodPoint(Instant timestamp, Duration window, List<ContainerPoint> containers) {
    public PodPoint {
      containers = List.copyOf(containers);
    }
  }

  private record Snapshot(Map<String, Point> nodes, Map<String, PodPoint> pods) {}

  private final Duration resolution;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
  private Map<String, Summary> latest = Map.of();

  /**
   * @param resolution how often nodes are scraped: the window of rates the nodes measured
   *     themselves
   */
  public MetricsWindow(Duration resolution) {
    this.resolution = resolution;
  }

  /**
   * Takes one scrape's summaries by node name; nodes missing from it (gone, not Ready, not
   * answering) lose their metrics, as in metrics-server.
   */
  public synchronized void replace(Map<String, Summary> summaries) {
    Map<String, Point> nodes = new HashMap<>();
    Map<String, PodPoint> pods = new HashMap<>();
    for (Summary s : summaries.values()) {
      Summary prev = latest.get(s.node());
      if (s.usage() != null) {
        rate(prev == null ? null : prev.usage(), s.usage()).ifPresent(p -> nodes.put(s.node(), p));
      }
      Map<String, Summary.PodUsage> prevPods = new HashMap<>();
      if (prev != null) {
        prev.pods().forEach(p -> prevPods.put(key(p.namespace(), p.name()), p));
      }
      for (Summary.PodUsage pod : s.pods()) {
        pod(prevPods.get(key(pod.namespace(), pod.name())), pod)
            .ifPresent(p -> pods.put(key(pod.namespace(), pod.name()), p));
      }
    }
    latest = Map.copyOf(summaries);
    snapshot = new Snapshot(Map.copyOf(nodes), Map.copyOf(pods));
  }

  /** The node's latest metrics, if any. */
  public Optional<Point> node(String name) {
    return Optional.ofNullable(snapshot.nodes().get(name));
  }

  /** The pod's latest metrics, if any. */
  public Optional<PodPoint> pod(String namespace, String name) {
    return Optional.ofNullable(snapshot.pods().get(key(namespace, name)));
  }

  private Optional<PodPoint> pod(Summary.PodUsage prev, Summary.PodUsage cur) {
    if (cur.containers().isEmpty()) {
      return Optional.empty();
    }
    List<ContainerPoint> containers = new ArrayList<>();
    Instant newest = Instant.EPOCH;
    Duration widest = Duration.ZERO;
    for (Summary.ContainerUsage c : cur.containers()) {
      Summary.Usage before = null;
      if (prev != null) {
        for (Summary.ContainerUsage p : prev.containers()) {
          if (p.name().equals(c.name()) && Objects.equals(p.startTime(), c.startTime())) {
            before = p.usage();
          }
        }
      }
      Optional<Point> point = rate(before, c.usage());
      if (point.isEmpty()) {
        return Optional.empty();
      }
      Point p = point.get();
      containers.add(new ContainerPoint(c.name(), p.nanoCores(), p.workingSetBytes()));
      newest = p.timestamp().isAfter(newest) ? p.timestamp() : newest;
      widest = p.window().compareTo(widest) > 0 ? p.window() : widest;
    }
    return Optional.of(new PodPoint(newest, widest, containers));
  }

  /**
   * The CPU rate from two samples of a cumulative counter, else the rate measured at the source
   * (over one resolution), else none.
   */
  Optional<Point> rate(Summary.Usage prev, Summary.Usage cur) {
    if (prev != null
        && prev.cpuCoreNanos() != null
        && cur.cpuCoreNanos() != null
        && cur.time().isAfter(prev.time())
        && cur.cpuCoreNanos() >= prev.cpuCoreNanos()) {
      Duration window = Duration.between(prev.time(), cur.time());
      double cores = (double) (cur.cpuCoreNanos() - prev.cpuCoreNanos()) / window.toNanos();
      return Optional.of(
          new Point(cur.time(), window, Math.round(cores * 1_000_000_000L), cur.workingSetBytes()));
    }
    if (cur.nanoCores() != null) {
      return Optional.of(new Point(cur.time(), resolution, cur.nanoCores(), cur.workingSetBytes()));
    }
    return Optional.empty();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
