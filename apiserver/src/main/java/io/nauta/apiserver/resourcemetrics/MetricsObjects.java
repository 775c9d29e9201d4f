package io.nauta.apiserver.resourcemetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.quantity.Format;
import io.nauta.api.quantity.Quantity;
import io.nauta.apiserver.registry.Meta;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code metrics.k8s.io/v1beta1} objects as metrics-server writes them: NodeMetrics and PodMetrics
 * named (and labelled) after their node or pod, created "now", with the sample's {@code timestamp},
 * the {@code window} its rate covers (a Go duration), CPU in cores at nanocore precision ({@code
 * 250m}, {@code 1234567n}) and memory in bytes ({@code 2048Ki}). Pure.
 */
public final class MetricsObjects {
  public static final String GROUP = "metrics.k8s.io";
  public static final String VERSION = "v1beta1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricsObjects() {}

  /** The NodeMetrics of {@code node} (a Node object, for its name and labels). */
  public static ObjectNode nodeMetrics(JsonNode node, MetricsWindow.Point p, Instant now) {
    ObjectNode o = object("NodeMetrics", node, now);
    o.put("timestamp", Meta.timestamp(p.timestamp()));
    o.put("window", goDuration(p.window()));
    usage(o.putObject("usage"), p.nanoCores(), p.workingSetBytes());
    return o;
  }

  /** The PodMetrics of {@code pod} (a Pod object, for its name, namespace and labels). */
  public static ObjectNode podMetrics(JsonNode pod, MetricsWindow.PodPoint p, Instant now) {
    ObjectNode o = object("PodMetrics", pod, now);
    o.put("timestamp", Meta.timestamp(p.timestamp()));
    o.put("window", goDuration(p.window()));
    var containers = o.putArray("containers");
    for (MetricsWindow.ContainerPoint c : p.containers()) {
      ObjectNode co = containers.addObject();
      co.put("name", c.name());
      usage(co.putObject("usage"), c.nanoCores(), c.workingSetBytes());
    }
    return o;
  }

  /** CPU in cores from nanocores, as metrics-server's {@code NewScaledQuantity(n, -9)}. */
  public static String cpu(long nanoCores) {
    return Quantity.of(BigDecimal.valueOf(nanoCores, 9), Format.DECIMAL_SI).toString();
  }

  /** Memory from bytes, as metrics-server's {@code NewQuantity(bytes, BinarySI)}. */
  public static String memory(long bytes) {
    return Quantity.of(bytes, Format.BINARY_SI).toString();
  }

  /** A duration as Go prints one ({@code 10s}, {@code 15.008s}, {@code 1m0.5s}, {@code 0s}). */
  public static String goDuration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    if (d.isNegative()) {
      b.append('-');
      d = d.negated();
    }
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      b.append(minutes).append('m');
    }
    BigDecimal seconds =
        BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9));
    String s = seconds.stripTrailingZeros().toPlainString();
    if (hours == 0 && minutes == 0 && d.toSeconds() == 0) {
      // under a second Go switches units: 500ms, 1.5µs, 20ns
      long nanos = d.toNanosPart();
      return b
          + (nanos >= 1_000_000
              ? BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms"
              : nanos >= 1_000
                  ? BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString() + "µs"
                  : nanos + "ns");
    }
    return b.append(s).append('s').toString();
  }

  private static ObjectNode object(String kind, JsonNode source, Instant now) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", kind);
    o.put("apiVersion", API_VERSION);
    ObjectNode meta = o.putObject("metadata");
    JsonNode m = source.path("metadata");
    meta.put("name", m.path("name").asText());
    if (m.hasNonNull("namespace")) {
      meta.put("namespace", m.get("namespace").asText());
    }
    meta.put("creationTimestamp", Meta.timestamp(now));
    if (m.path("labels").isObject() && !m.path("labels").isEmpty()) {
      meta.set("labels", m.get("labels").deepCopy());
    }
    return o;
  }

  private static void usage(ObjectNode u, long nanoCores, long workingSetBytes) {
    u.put("cpu", cpu(nanoCores));
    u.put("memory", memory(workingSetBytes));
  }
}
