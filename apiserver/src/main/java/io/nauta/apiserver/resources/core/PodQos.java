package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.Quantities;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pod QoS class ({@code Guaranteed}, {@code Burstable}, {@code BestEffort}) from the CPU and
 * memory requests and limits of all containers, as {@code qos.GetPodQOS} computes it.
 */
public final class PodQos {
  private static final Set<String> QOS_RESOURCES = Set.of("cpu", "memory");

  private PodQos() {}

  /** The QoS class of a defaulted pod spec (requests already defaulted from limits). */
  public static String of(JsonNode spec) {
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode c : Json.objects(spec, list)) {
        add(requests, Json.at(c, "resources", "requests"), new HashSet<>());
        Set<String> found = new HashSet<>();
        add(limits, Json.at(c, "resources", "limits"), found);
        if (!found.containsAll(QOS_RESOURCES)) {
          guaranteed = false;
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (Map.Entry<String, BigDecimal> e : requests.entrySet()) {
        BigDecimal limit = limits.get(e.getKey());
        if (limit == null || limit.compareTo(e.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  private static void add(Map<String, BigDecimal> sum, JsonNode list, Set<String> found) {
    if (!list.isObject()) {
      return;
    }
    list.properties()
        .forEach(
            e -> {
              if (!QOS_RESOURCES.contains(e.getKey())) {
                return;
              }
              Optional<BigDecimal> v = Quantities.value(e.getValue());
              if (v.isPresent() && v.get().signum() > 0) {
                found.add(e.getKey());
                sum.merge(e.getKey(), v.get(), BigDecimal::add);
              }
            });
  }
}
