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
   */
  public record Profile(
      String schedulerName,
      NodeResourcesFit.Strategy scoring,
      Set<String> disabled,
      Map<String, Long> weights) {
    public Profile {
      disabled = Set.copyOf(disabled);
      weights = Map.copyOf(weights);
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
            default ->
                throw new IllegalArgumentException(
                    file
                        + ": scoringStrategy \""
                        + scoring
                        + "\" is not one of LeastAllocated, MostAllocated");
          };
      Set<String> disabled = new HashSet<>();
      p.path("disabled").forEach(d -> disabled.add(known(file, d.asText())));
      Map<String, Long> weights = new LinkedHashMap<>();
      p.path("weights")
          .fields()
          .forEachRemaining(e -> weights.put(known(file, e.getKey()), e.getValue().asLong()));
      out.add(new Profile(name, strategy, disabled, weights));
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
