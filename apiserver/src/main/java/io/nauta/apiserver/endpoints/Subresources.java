package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.labels.LabelSelector;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.http.HttpRequestData;
import io.nauta.apiserver.http.Responder;
import io.nauta.apiserver.registry.Lister;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.status.ApiException;
import io.nauta.apiserver.status.StatusObjects;
import java.util.function.UnaryOperator;

/**
 * The status, scale, binding, eviction and finalize subresources (the streaming ones and proxy are
 * {@link NodeProxy}'s).
 */
final class Subresources {
  private final Registry registry;
  private final Lister lister;
  private final Eviction eviction;

  Subresources(Registry registry, Lister lister) {
    this.registry = registry;
    this.lister = lister;
    this.eviction = new Eviction(registry, lister);
  }

  void handle(
      HttpRequestData req, Responder resp, Route route, ResourceType rt, WriteOptions opts) {
    String ns = route.namespace();
    String name = route.name();
    String sub = route.subresource();
    String method = req.method();
    switch (sub) {
      case "status" -> {
        ObjectNode result =
            switch (method) {
              case "GET" -> registry.get(rt, ns, name);
              case "PUT" ->
                  registry.updateStatus(
                      rt,
                      ns,
                      name,
                      Codec.decodeObject(req.header("content-type"), req.body()),
                      opts);
              case "PATCH" ->
                  registry.guaranteedUpdate(
                      rt, ns, name, ResourceHandler.patcher(req), UpdatePart.STATUS, opts);
              default -> throw ApiException.methodNotSupported(rt.plural() + "/status", method);
            };
        send(resp, 200, result);
      }
      case "scale" -> scale(req, resp, rt, ns, name, opts);
      case "binding" -> {
        requirePost(rt, sub, method);
        bind(rt, ns, name, Codec.decodeObject(req.header("content-type"), req.body()), opts);
        send(resp, 201, StatusObjects.success("", "pods", name, null).put("code", 201));
      }
      case "eviction" -> {
        requirePost(rt, sub, method);
        eviction.evict(
            rt, ns, name, Codec.decodeObject(req.header("content-type"), req.body()), opts);
        send(resp, 201, StatusObjects.success("policy", "Eviction", name, null).put("code", 201));
      }
      case "approval" -> {
        ObjectNode result =
            switch (method) {
              case "GET" -> registry.get(rt, ns, name);
              case "PUT" ->
                  Approvals.approve(
                      registry,
                      rt,
                      name,
                      Codec.decodeObject(req.header("content-type"), req.body()),
                      opts);
              default -> throw ApiException.methodNotSupported(rt.plural() + "/approval", method);
            };
        send(resp, 200, result);
      }
      case "finalize" -> {
        if (!method.equals("PUT")) {
          throw ApiException.methodNotSupported(rt.plural() + "/finalize", method);
        }
        ObjectNode body = Codec.decodeObject(req.header("content-type"), req.body());
        JsonNode finalizers = body.path("spec").path("finalizers");
        send(
            resp,
            200,
            registry.guaranteedUpdate(
                rt,
                ns,
                name,
                cur -> {
                  Meta.of(cur).remove("resourceVersion");
                  ObjectNode spec = cur.with("spec");
                  if (finalizers.isArray()) {
                    spec.set("finalizers", finalizers);
                  } else {
                    spec.remove("finalizers");
                  }
                  return cur;
                },
                UpdatePart.DIRECT,
                opts));
      }
      default ->
          throw new ApiException(
              404, "NotFound", "the server could not find the requested resource", null);
    }
  }

  private static void requirePost(ResourceType rt, String sub, String method) {
    if (!method.equals("POST")) {
      throw ApiException.methodNotSupported(rt.plural() + "/" + sub, method);
    }
  }

  private static void send(Responder resp, int code, ObjectNode obj) {
    resp.send(code, "application/json", Output.JSON.encode(obj));
  }

  private void scale(
      HttpRequestData req,
      Responder resp,
      ResourceType rt,
      String ns,
      String name,
      WriteOptions opts) {
    switch (req.method()) {
      case "GET" -> send(resp, 200, toScale(registry.get(rt, ns, name)));
      case "PUT", "PATCH" -> {
        UnaryOperator<ObjectNode> toNewScale;
        if (req.method().equals("PUT")) {
          ObjectNode body = Codec.decodeObject(req.header("content-type"), req.body());
          toNewScale = current -> body;
        } else {
          UnaryOperator<ObjectNode> patch = ResourceHandler.patcher(req);
          toNewScale = patch;
        }
        ObjectNode result =
            registry.guaranteedUpdate(
                rt,
                ns,
                name,
                cur -> {
                  ObjectNode scale = toNewScale.apply(toScale(cur));
                  JsonNode replicas = scale.path("spec").path("replicas");
                  if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
                    throw ApiException.invalid(
                        "autoscaling",
                        "Scale",
                        name,
                        java.util.List.of(
                            io.nauta.api.validation.FieldError.invalid(
                                "spec.replicas",
                                replicas.toString(),
                                "must be greater than or equal to 0")));
                  }
                  cur.with("spec").put("replicas", replicas.asInt());
                  String rv = Meta.text(scale, "resourceVersion");
                  if (rv.isEmpty()
                      || rv.equals(Meta.text(cur, "resourceVersion"))
                          && req.method().equals("PATCH")) {
                    Meta.of(cur).remove("resourceVersion");
                  } else {
                    Meta.of(cur).put("resourceVersion", rv);
                  }
                  return cur;
                },
                UpdatePart.MAIN,
                opts);
        send(resp, 200, toScale(result));
      }
      default -> throw ApiException.methodNotSupported(rt.plural() + "/scale", req.method());
    }
  }

  static ObjectNode toScale(ObjectNode obj) {
    ObjectNode s = Codec.JSON.createObjectNode();
    s.put("kind", "Scale");
    s.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = s.putObject("metadata");
    for (String f :
        new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      JsonNode v = obj.path("metadata").get(f);
      if (v != null) {
        meta.set(f, v);
      }
    }
    s.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(0));
    ObjectNode status = s.putObject("status");
    status.put("replicas", obj.path("status").path("replicas").asInt(0));
    JsonNode sel = obj.path("spec").path("selector");
    if (sel.isObject()) {
      try {
        status.put("selector", LabelSelector.fromJson(sel).toString());
      } catch (RuntimeException e) {
        // an invalid selector cannot be stored; nothing to report
      }
    }
    return s;
  }

  /**
   * {@code POST /api/v1/namespaces/{ns}/bindings}: the older form of {@code pods/{name}/binding},
   * naming the pod in the Binding's metadata (clients such as fabric8 use it).
   */
  void bindCollection(HttpRequestData req, Responder resp, String ns, WriteOptions opts) {
    if (!req.method().equals("POST")) {
      throw ApiException.methodNotSupported("bindings", req.method());
    }
    ObjectNode binding = Codec.decodeObject(req.header("content-type"), req.body());
    String name = binding.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw ApiException.invalid(
          "",
          "Binding",
          name,
          java.util.List.of(io.nauta.api.validation.FieldError.required("metadata.name", "")));
    }
    ResourceType pods =
        registry
            .catalog()
            .find("", "v1", "pods")
            .orElseThrow(() -> new IllegalStateException("pods are not served"));
    bind(pods, ns, name, binding, opts);
    send(resp, 201, StatusObjects.success("", "pods", name, null).put("code", 201));
  }

  private void bind(
      ResourceType rt, String ns, String name, ObjectNode binding, WriteOptions opts) {
    String node = binding.path("target").path("name").asText("");
    if (node.isEmpty()) {
      throw ApiException.invalid(
          "",
          "Binding",
          name,
          java.util.List.of(io.nauta.api.validation.FieldError.required("target.name", "")));
    }
    registry.guaranteedUpdate(
        rt,
        ns,
        name,
        pod -> {
          String current = pod.path("spec").path("nodeName").asText("");
          if (!current.isEmpty()) {
            throw ApiException.conflict(
                "",
                "pods",
                name,
                "pod " + name + " is already assigned to node \"" + current + "\"");
          }
          if (Meta.deleting(pod)) {
            throw ApiException.conflict(
                "",
                "pods",
                name,
                "pod " + name + " is being deleted, cannot be assigned to a host");
          }
          Meta.of(pod).remove("resourceVersion");
          pod.with("spec").put("nodeName", node);
          markScheduled(pod.with("status").withArray("conditions"));
          return pod;
        },
        UpdatePart.DIRECT,
        opts);
  }

  private void markScheduled(ArrayNode conditions) {
    for (JsonNode c : conditions) {
      if ("PodScheduled".equals(c.path("type").asText())) {
        ObjectNode o = (ObjectNode) c;
        if (!"True".equals(o.path("status").asText())) {
          o.put("lastTransitionTime", Meta.timestamp(registry.clock().instant()));
        }
        o.put("status", "True");
        o.remove(java.util.List.of("reason", "message"));
        return;
      }
    }
    ObjectNode c = conditions.addObject();
    c.put("type", "PodScheduled");
    c.put("status", "True");
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", Meta.timestamp(registry.clock().instant()));
  }
}
