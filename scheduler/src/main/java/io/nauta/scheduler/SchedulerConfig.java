package io.nauta.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.nauta.scheduler.plugins.noderesources.NodeResourcesFit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scheduling profiles from a YAML file; a pod's {@code schedulerName} picks its profile, and pods
 * naming no profile here are left to other schedulers. Without a file there is one profile, {@code
 * default-scheduler}, with every plugin. Example:
 *
 * <pre>
 * profiles:
 * - schedulerName: default-scheduler
 * - schedulerName: bin-packer
 *   scoringStrategy: MostAllocated      # or LeastAllocated (the default)
 *   disabled: [ImageLocality]
 *   weights: {NodeResourcesFit: 5}
 * - schedulerName: shaped
 *   scoringStrategy: RequestedToCapacityRatio
 *   shape: [{utilization: 0, score: 10}, {utilization: 100, score: 0}]
 * </pre>
 *
 * @param profiles at least one, names unique
 */
public record SchedulerConfig(List<Profile> profiles) {
  /**
   * One profile.
   *
   * @param schedulerName the name pods select it by
   * @param scoring how NodeResourcesFit scores
   * @param disabled plugin names left out
   * @param weights score weights replacing the defaults, by plugin name
   * @param shape the RequestedToCapacityRatio shape (empty for the other strategies)
   */
  public record Profile(
      String schedulerName,
      NodeResourcesFit.Strategy scoring,
      Set<String> disabled,
      Map<String, Long> weights,
      List<NodeResourcesFit.Point> shape) {
    public Profile {
      disabled = Set.copyOf(disabled);
      weights = Map.copyOf(weights);
      shape = List.copyOf(shape);
    }

    public Profile(
        String schedulerName,
        NodeResourcesFit.Strategy scoring,
        Set<String> disabled,
        Map<String, Long> weights) {
      this(schedulerName, scoring, disabled, weights, List.of());
    }

    /** The NodeResourcesFit plugin this profile configures. */
    public NodeResourcesFit nodeResourcesFit() {
      return shape.isEmpty() ? new NodeResourcesFit(scoring) : new NodeResourcesFit(scoring, shape);
    }
  }

  public SchedulerConfig {
    profiles = List.copyOf(profiles);
  }

  /** One default-scheduler profile with every plugin, spreading pods. */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(
        List.of(
            new Profile(
                Scheduler.DEFAULT_NAME,
                NodeResourcesFit.Strategy.LEAST_ALLOCATED,
                Set.of(),
                Map.of())));
  }

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException naming what is wrong (unknown plugin, duplicate profile, ...)
   */
  public static SchedulerConfig load(Path file) throws IOException {
    JsonNode root = new YAMLMapper().readTree(Files.readAllBytes(file));
    if (root == null || !root.path("profiles").isArray() || root.path("profiles").isEmpty()) {
      throw new IllegalArgumentException(file + ": needs a non-empty list `profiles`");
    }
    List<Profile> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode p : root.path("profiles")) {
      String name = p.path("schedulerName").asText("");
      if (name.isEmpty() || !names.add(name)) {
        throw new IllegalArgumentException(
            file + ": every profile needs a unique schedulerName (got \"" + name + "\")");
      }
      String scoring = p.path("scoringStrategy").asText("LeastAllocated");
      NodeResourcesFit.Strategy strategy =
          switch (scoring) {
            case "LeastAllocated" -> NodeResourcesFit.Strategy.LEAST_ALLOCATED;
            case "MostAllocated" -> NodeResourcesFit.Strategy.MOST_ALLOCATED;
            case "RequestedToCapacityRatio" ->
                NodeResourcesFit.Strategy.REQUESTED_TO_CAPACITY_RATIO;
            default ->
                throw new IllegalArgumentException(
                    file
                        + ": scoringStrategy \""
                        + scoring
                        + "\" is not one of LeastAllocated, MostAllocated,"
                        + " RequestedToCapacityRatio");
          };
      List<NodeResourcesFit.Point> shape = new ArrayList<>();
      for (JsonNode pt : p.path("shape")) {
        try {
          shape.add(
              new NodeResourcesFit.Point(
                  pt.path("utilization").asInt(-1), pt.path("score").asInt(-1)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              file + ": profile " + name + ": shape: " + e.getMessage(), e);
        }
      }
      if (strategy == NodeResourcesFit.Strategy.REQUESTED_TO_CAPACITY_RATIO) {
        if (shape.isEmpty()) {
          throw new IllegalArgumentException(
              file + ": profile " + name + ": RequestedToCapacityRatio needs a `shape`");
        }
        try {
          new NodeResourcesFit(strategy, shape);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              file + ": profile " + name + ": shape: " + e.getMessage(), e);
        }
      }
      Set<String> disabled = new HashSet<>();
      p.path("disabled").forEach(d -> disabled.add(known(file, d.asText())));
      Map<String, Long> weights = new LinkedHashMap<>();
      p.path("weights")
          .fields()
          .forEachRemaining(e -> weights.put(known(file, e.getKey()), e.getValue().asLong()));
      out.add(new Profile(name, strategy, disabled, weights, shape));
    }
    return new SchedulerConfig(out);
  }

  private static String known(Path file, String plugin) {
    if (!Profiles.PLUGIN_NAMES.contains(plugin)) {
      throw new IllegalArgumentException(
          file + ": unknown plugin \"" + plugin + "\"; known: " + Profiles.PLUGIN_NAMES);
    }
    return plugin;
  }
}
