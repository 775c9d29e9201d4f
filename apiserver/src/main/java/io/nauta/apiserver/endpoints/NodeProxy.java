package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.agents.AgentEndpoint;
import io.nauta.apiserver.http.HttpRequestData;
import io.nauta.apiserver.http.Responder;
import io.nauta.apiserver.http.Upstream;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.status.ApiException;
import io.netty.handler.ssl.SslContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server hands to the node agent running a pod: the pods/log, exec, attach and
 * portforward subresources and the nodes/proxy subresource, validated as Kubernetes validates them
 * (the container, the pod's node) and then forwarded to the agent at the node's InternalIP and
 * kubelet endpoint port, authenticated with the API server's own client certificate. Streams and
 * protocol switches are relayed as they are: the agent speaks WebSocket and SPDY to kubectl.
 */
final class NodeProxy {
  static final Set<String> POD_SUBRESOURCES = Set.of("log", "exec", "attach", "portforward");
  private static final List<String> LOG_PARAMS =
      List.of(
          "follow",
          "previous",
          "timestamps",
          "sinceSeconds",
          "sinceTime",
          "tailLines",
          "limitBytes");
  private static final List<String> STREAM_PARAMS =
      List.of("command", "stdin", "stdout", "stderr", "tty", "port");

  /** Request headers an upgrade (WebSocket, SPDY) needs to reach the agent. */
  private static final List<String> FORWARDED_HEADERS =
      List.of(
          "connection",
          "upgrade",
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-protocol",
          "x-stream-protocol-version",
          "accept",
          "content-type",
          "user-agent");

  private final Registry registry;
  private final SslContext agentTls;

  NodeProxy(Registry registry, SslContext agentTls) {
    this.registry = registry;
    this.agentTls = agentTls;
  }

  /** {@code pods/{name}/{log|exec|attach|portforward}}. */
  void pod(HttpRequestData req, Responder resp, Route route, ResourceType pods) {
    String sub = route.subresource();
    String method = req.method();
    boolean allowed =
        sub.equals("log") ? method.equals("GET") : method.equals("GET") || method.equals("POST");
    if (!allowed) {
      throw ApiException.methodNotSupported("pods/" + sub, method);
    }
    ObjectNode pod = registry.get(pods, route.namespace(), route.name());
    String container = sub.equals("portforward") ? null : container(pod, req.param("container"));
    String node = pod.path("spec").path("nodeName").asText("");
    if (node.isEmpty()) {
      if (sub.equals("log")) {
        // Kubernetes answers an empty log for a pod no node runs yet
        resp.send(200, "text/plain", new byte[0]);
        return;
      }
      throw ApiException.badRequest("pod " + route.name() + " does not have a host assigned");
    }
    String ns = route.namespace();
    String target =
        switch (sub) {
          case "log" -> "/containerLogs/" + ns + "/" + route.name() + "/" + container;
          case "portforward" -> "/portForward/" + ns + "/" + route.name();
          default -> "/" + sub + "/" + ns + "/" + route.name() + "/" + container;
        };
    if (sub.equals("log")) {
      validateLogOptions(req, route.name());
    }
    target += query(req, sub.equals("log") ? LOG_PARAMS : STREAM_PARAMS);
    resp.proxy(upstream(req, node, target));
  }

  /** {@code /api/v1/nodes/{name}/proxy[/path]}: the node agent's own API, e.g. stats/summary. */
  void node(HttpRequestData req, Responder resp, String node, String path) {
    if (path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw ApiException.badRequest("invalid proxy path: " + path.strip());
    }
    StringBuilder q = new StringBuilder();
    req.query()
        .forEach(
            (name, values) ->
                values.forEach(v -> q.append(q.isEmpty() ? "?" : "&").append(pair(name, v))));
    resp.proxy(upstream(req, node, (path.isEmpty() ? "/" : path) + q));
  }

  /**
   * {@code /api/v1/namespaces/{ns}/pods/{name}[:port]/proxy[/path]}: plain HTTP to the pod's IP at
   * the given port (else its first container port, else 80), as Kubernetes' pod proxy does.
   */
  void podProxy(HttpRequestData req, Responder resp, ResourceType pods, String[] target) {
    String ns = target[0];
    String name = target[1];
    int port = 0;
    int colon = name.lastIndexOf(':');
    if (colon > 0) {
      try {
        port = Integer.parseInt(name.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid pod request \"" + name + "\"");
      }
      name = name.substring(0, colon);
    }
    String path = target[2];
    if (path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw ApiException.badRequest("invalid proxy path: " + path.strip());
    }
    ObjectNode pod = registry.get(pods, ns, name);
    if (port == 0) {
      for (JsonNode c : pod.path("spec").path("containers")) {
        if (c.path("ports").size() > 0) {
          port = c.path("ports").get(0).path("containerPort").asInt();
          break;
        }
      }
    }
    String ip = pod.path("status").path("podIP").asText("");
    if (ip.isEmpty()) {
      throw ApiException.badRequest("address not allowed");
    }
    StringBuilder q = new StringBuilder();
    req.query()
        .forEach(
            (k, values) ->
                values.forEach(v -> q.append(q.isEmpty() ? "?" : "&").append(pair(k, v))));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String h : List.of("accept", "content-type", "user-agent")) {
      if (req.header(h) != null) {
        headers.add(Map.entry(h, req.header(h)));
      }
    }
    resp.proxy(
        new Upstream(
            ip,
            port > 0 ? port : 80,
            null,
            req.method(),
            (path.isEmpty() ? "/" : path) + q,
            headers,
            req.body()));
  }

  /** Namespace, pod (maybe with a port) and path of a pods/proxy request path, or null. */
  static String[] podProxyPath(String path) {
    String[] s = path.split("/", -1);
    // "", api, v1, namespaces, {ns}, pods, {name}, proxy, ...
    if (s.length < 8
        || !s[1].equals("api")
        || !s[2].equals("v1")
        || !s[3].equals("namespaces")
        || !s[5].equals("pods")
        || !s[7].equals("proxy")
        || s[4].isEmpty()
        || s[6].isEmpty()) {
      return null;
    }
    String prefix = "/api/v1/namespaces/" + s[4] + "/pods/" + s[6] + "/proxy";
    return new String[] {s[4], s[6], path.substring(prefix.length())};
  }

  /** The node and agent path of a nodes/proxy request path, or null when it is none. */
  static String[] nodeProxyPath(String path) {
    String prefix = "/api/v1/nodes/";
    if (!path.startsWith(prefix)) {
      return null;
    }
    String rest = path.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    String name = rest.substring(0, slash);
    String after = rest.substring(slash);
    if (after.equals("/proxy")) {
      return new String[] {name, ""};
    }
    if (after.startsWith("/proxy/")) {
      return new String[] {name, after.substring("/proxy".length())};
    }
    return null;
  }

  private Upstream upstream(HttpRequestData req, String nodeName, String target) {
    ResourceType nodes =
        registry
            .catalog()
            .find("", "v1", "nodes")
            .orElseThrow(() -> new IllegalStateException("nodes are not served"));
    ObjectNode node = registry.get(nodes, null, nodeName);
    AgentEndpoint agent =
        AgentEndpoint.of(node)
            .orElseThrow(
                () ->
                    ApiException.serviceUnavailable(
                        "node \""
                            + nodeName
                            + "\" has no InternalIP address to reach its agent at"));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String name : FORWARDED_HEADERS) {
      String value = req.header(name);
      if (value == null) {
        continue;
      }
      if (name.equals("x-stream-protocol-version")) {
        // one header line per protocol: SPDY servers read them as a list of values
        for (String v : value.split(",")) {
          headers.add(Map.entry(name, v.trim()));
        }
      } else {
        headers.add(Map.entry(name, value));
      }
    }
    return new Upstream(
        agent.address(), agent.port(), agentTls, req.method(), target, headers, req.body());
  }

  /** The container a request is for, checked against the pod as Kubernetes does. */
  static String container(ObjectNode pod, String requested) {
    String podName = pod.path("metadata").path("name").asText();
    List<String> all = new ArrayList<>();
    for (String kind : List.of("initContainers", "containers", "ephemeralContainers")) {
      for (JsonNode c : pod.path("spec").path(kind)) {
        all.add(c.path("name").asText());
      }
    }
    JsonNode containers = pod.path("spec").path("containers");
    if (requested == null || requested.isEmpty()) {
      if (containers.size() == 1) {
        return containers.get(0).path("name").asText();
      }
      if (containers.isEmpty()) {
        throw ApiException.badRequest("a container name must be specified for pod " + podName);
      }
      throw ApiException.badRequest(
          "a container name must be specified for pod "
              + podName
              + ", choose one of: ["
              + String.join(" ", all)
              + "]");
    }
    if (!all.contains(requested)) {
      throw ApiException.badRequest("container " + requested + " is not valid for pod " + podName);
    }
    return requested;
  }

  /** PodLogOptions validation (422 Invalid), as Kubernetes checks them before asking the node. */
  private static void validateLogOptions(HttpRequestData req, String pod) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : List.of("sinceSeconds", "tailLines", "limitBytes")) {
      String v = req.param(name);
      if (v == null) {
        continue;
      }
      long n;
      try {
        n = Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid " + name + ": " + v);
      }
      if (name.equals("tailLines") && n < 0) {
        errors.add(FieldError.invalid(name, n, "must be greater than or equal to 0"));
      } else if (!name.equals("tailLines") && n < 1) {
        errors.add(FieldError.invalid(name, n, "must be greater than 0"));
      }
    }
    if (req.param("sinceSeconds") != null && req.param("sinceTime") != null) {
      errors.add(
          FieldError.forbidden(
              "", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("", "PodLogOptions", pod, errors);
    }
  }

  private static String query(HttpRequestData req, List<String> names) {
    StringBuilder q = new StringBuilder();
    for (String name : names) {
      for (String v : req.query().getOrDefault(name, List.of())) {
        q.append(q.isEmpty() ? "?" : "&").append(pair(name, v));
      }
    }
    return q.toString();
  }

  private static String pair(String name, String value) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
