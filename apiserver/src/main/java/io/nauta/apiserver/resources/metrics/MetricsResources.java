package io.nauta.apiserver.resources.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.quantity.Format;
import io.nauta.api.quantity.Quantity;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import java.time.Instant;
import java.util.List;

/**
 * NodeMetrics ({@code nodes}, cluster-scoped) and PodMetrics ({@code pods}) of {@code
 * metrics.k8s.io/v1beta1}, get and list only, with metrics-server's columns: Name, CPU, Memory,
 * Window (a pod's CPU and memory are its containers' sums).
 */
public final class MetricsResources {
  public static final String GROUP = "metrics.k8s.io";
  public static final String VERSION = "v1beta1";

  private MetricsResources() {}

  public static List<ResourceType> all() {
    ResourceStrategy columns = new Columns();
    return List.of(
        ResourceType.builder(GROUP, VERSION, "NodeMetrics", "nodes")
            .clusterScoped()
            .readOnly()
            .strategy(columns)
            .build(),
        ResourceType.builder(GROUP, VERSION, "PodMetrics", "pods")
            .readOnly()
            .strategy(columns)
            .build());
  }

  private static final class Columns implements ResourceStrategy {
    @Override
    public List<TableColumn> columns() {
      return List.of(
          TableColumn.NAME,
          TableColumn.string("CPU", "CPU usage"),
          TableColumn.string("Memory", "Memory usage"),
          TableColumn.string("Window", "The window the CPU usage was measured over"));
    }

    @Override
    public List<Object> cells(ObjectNode obj, Instant now) {
      Quantity cpu = Quantity.of(0, Format.DECIMAL_SI);
      Quantity memory = Quantity.of(0, Format.BINARY_SI);
      List<JsonNode> usages =
          obj.has("containers")
              ? obj.get("containers").findValues("usage")
              : List.of(obj.path("usage"));
      for (JsonNode u : usages) {
        cpu = cpu.add(Quantity.parse(u.path("cpu").asText("0")));
        memory = memory.add(Quantity.parse(u.path("memory").asText("0")));
      }
      return List.of(
          Printing.name(obj), cpu.toString(), memory.toString(), obj.path("window").asText());
    }
  }
}
