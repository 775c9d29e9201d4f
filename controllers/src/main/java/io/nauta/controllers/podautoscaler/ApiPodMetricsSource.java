package io.nauta.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.api.duration.GoDuration;
import io.nauta.api.quantity.Quantity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod metrics read from the API server's resource metrics API, as Kubernetes' HPA reads
 * metrics-server: {@code GET /apis/metrics.k8s.io/v1beta1/namespaces/NS/pods?labelSelector=SEL}.
 */
public final class ApiPodMetricsSource implements PodMetricsSource {
  private final KubernetesClient client;

  public ApiPodMetricsSource(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public List<PodMetrics> list(String namespace, String labelSelector) {
    String master = client.getMasterUrl().toString();
    String url =
        (master.endsWith("/") ? master : master + "/")
            + "apis/metrics.k8s.io/v1beta1/namespaces/"
            + namespace
            + "/pods"
            + (labelSelector.isEmpty()
                ? ""
                : "?labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
    String body = client.raw(url);
    if (body == null) {
      throw new KubernetesClientException(
          "the server could not find the requested resource (get pods.metrics.k8s.io)");
    }
    PodMetricsList list = client.getKubernetesSerialization().unmarshal(body, PodMetricsList.class);
    // the window is a Go duration with a fraction ("10.0027s", as metrics-server writes it), which
    // fabric8's Duration misreads; read it from the document
    JsonNode windows =
        client.getKubernetesSerialization().unmarshal(body, JsonNode.class).path("items");
    List<PodMetrics> out = new ArrayList<>();
    int index = 0;
    for (var item :
        list.getItems() == null
            ? List.<io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics>of()
            : list.getItems()) {
      String window = windows.path(index++).path("window").asText("");
      List<PodMetrics.ContainerMetrics> containers = new ArrayList<>();
      for (ContainerMetrics c :
          item.getContainers() == null ? List.<ContainerMetrics>of() : item.getContainers()) {
        Map<String, Long> usage = new HashMap<>();
        if (c.getUsage() != null) {
          c.getUsage().forEach((k, q) -> usage.put(k, milli(q)));
        }
        containers.add(new PodMetrics.ContainerMetrics(c.getName(), usage));
      }
      out.add(
          new PodMetrics(
              item.getMetadata().getName(),
              item.getTimestamp() == null ? Instant.EPOCH : Instant.parse(item.getTimestamp()),
              GoDuration.tryParse(window).orElse(Duration.ZERO),
              containers));
    }
    return out;
  }

  static long milli(io.fabric8.kubernetes.api.model.Quantity q) {
    String format = q.getFormat() == null ? "" : q.getFormat();
    return Quantity.parse(q.getAmount() + format).milliValue();
  }
}
