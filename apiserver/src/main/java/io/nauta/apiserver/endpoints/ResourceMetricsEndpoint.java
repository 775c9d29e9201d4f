package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.http.HttpRequestData;
import io.nauta.apiserver.http.Responder;
import io.nauta.apiserver.registry.ListOptions;
import io.nauta.apiserver.registry.Lister;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.resourcemetrics.MetricsObjects;
import io.nauta.apiserver.resourcemetrics.MetricsWindow;
import io.nauta.apiserver.status.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code metrics.k8s.io/v1beta1} API, as metrics-server serves it: NodeMetrics and PodMetrics
 * for the nodes and pods (listed from the registry with the request's label and field selectors)
 * that have metrics in the window; get and list only (anything else is 405), a Table when asked,
 * JSON otherwise (there is no protobuf message for these kinds here). An object without metrics is
 * absent from lists and a 404 for a get.
 */
final class ResourceMetricsEndpoint {
  private final Registry registry;
  private final MetricsWindow window;
  private final Clock clock;

  ResourceMetricsEndpoint(Registry registry, MetricsWindow window, Clock clock) {
    this.registry = registry;
    this.window = window;
    this.clock = clock;
  }

  void handle(HttpRequestData req, Responder resp, Route route, ResourceType rt, String verb) {
    if (!req.method().equals("GET") || !(verb.equals("get") || verb.equals("list"))) {
      throw ApiException.methodNotSupported(rt.plural(), req.method());
    }
    if (route.subresource() != null) {
      throw new ApiException(
          404, "NotFound", "the server could not find the requested resource", null);
    }
    boolean nodes = !rt.namespaced();
    ResourceType source = core(nodes ? "nodes" : "pods");
    Instant now = clock.instant();
    Output out = Output.negotiate(req.header("accept"), true, req.param("includeObject"));
    if (route.name() != null) {
      String resource = nodes ? "nodemetrics" : "podmetrics";
      ObjectNode obj;
      try {
        obj = registry.get(source, route.namespace(), route.name());
      } catch (ApiException e) {
        if (e.code() == 404) {
          throw ApiException.notFound(MetricsObjects.GROUP, resource, route.name());
        }
        throw e;
      }
      ObjectNode m =
          metrics(obj, nodes, now)
              .orElseThrow(
                  () -> ApiException.notFound(MetricsObjects.GROUP, resource, route.name()));
      send(resp, out, rt, List.of(m), m, now);
      return;
    }
    ListOptions opts =
        new ListOptions(
            req.param("labelSelector"),
            req.param("fieldSelector"),
            0,
            null,
            null,
            null,
            false,
            0,
            null);
    List<ObjectNode> items = new ArrayList<>();
    for (ObjectNode obj : new Lister(registry).list(source, route.namespace(), opts).items()) {
      metrics(obj, nodes, now).ifPresent(items::add);
    }
    ObjectNode list = Codec.JSON.createObjectNode();
    list.put("kind", rt.listKind());
    list.put("apiVersion", rt.groupVersion());
    list.putObject("metadata");
    list.putArray("items").addAll(items);
    send(resp, out, rt, items, list, now);
  }

  private Optional<ObjectNode> metrics(ObjectNode obj, boolean node, Instant now) {
    var meta = obj.path("metadata");
    if (node) {
      return window
          .node(meta.path("name").asText())
          .map(p -> MetricsObjects.nodeMetrics(obj, p, now));
    }
    return window
        .pod(meta.path("namespace").asText(), meta.path("name").asText())
        .map(p -> MetricsObjects.podMetrics(obj, p, now));
  }

  private static void send(
      Responder resp,
      Output out,
      ResourceType rt,
      List<ObjectNode> rows,
      ObjectNode body,
      Instant now) {
    if (out.format() == Output.Format.TABLE) {
      resp.send(
          200,
          out.contentType(),
          out.encode(Tables.table(rt, rows, out, now, true, Codec.JSON.createObjectNode())));
      return;
    }
    Output.Rendered r = out.render(body);
    resp.send(200, r.contentType(), r.body());
  }

  private ResourceType core(String plural) {
    return registry
        .catalog()
        .find("", "v1", plural)
        .orElseThrow(() -> new IllegalStateException(plural + " are not served"));
  }
}
