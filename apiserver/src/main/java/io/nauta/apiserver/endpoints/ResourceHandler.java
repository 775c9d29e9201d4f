package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.fieldvalidation.FieldValidation;
import io.nauta.apiserver.http.HttpRequestData;
import io.nauta.apiserver.http.Responder;
import io.nauta.apiserver.patch.JsonPatch;
import io.nauta.apiserver.patch.MergePatch;
import io.nauta.apiserver.patch.StrategicMergePatch;
import io.nauta.apiserver.registry.DeleteOptions;
import io.nauta.apiserver.registry.ListOptions;
import io.nauta.apiserver.registry.Lister;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.status.ApiException;
import io.nauta.apiserver.status.StatusObjects;
import io.nauta.apiserver.watch.WatchSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** The verbs of one resource: get, list, watch, create, update, patch, delete, deletecollection. */
public final class ResourceHandler {
  private final io.nauta.apiserver.watch.SharedEvents sharedEvents =
      new io.nauta.apiserver.watch.SharedEvents();
  private final Registry registry;
  private final Lister lister;
  private final Subresources subresources;
  private final ScheduledExecutorService timer;
  private final long bookmarkMillis;
  private final Clock clock;
  private final AtomicInteger watchers;

  public ResourceHandler(
      Registry registry,
      ScheduledExecutorService timer,
      long bookmarkMillis,
      AtomicInteger watchers) {
    this.registry = registry;
    this.lister = new Lister(registry);
    this.subresources = new Subresources(registry, lister);
    this.timer = timer;
    this.bookmarkMillis = bookmarkMillis;
    this.clock = registry.clock();
    this.watchers = watchers;
  }

  /** {@code POST .../bindings}: binds the pod the Binding names. */
  void bindings(HttpRequestData req, Responder resp, Route route) {
    if (route.namespace() == null || route.name() != null || route.subresource() != null) {
      throw ApiException.methodNotSupported("bindings", req.method());
    }
    subresources.bindCollection(req, resp, route.namespace(), writeOptions(req));
  }

  /** The Kubernetes verb of a request, for metrics and errors. */
  String verb(HttpRequestData req, Route route) {
    return switch (req.method()) {
      case "GET" ->
          route.name() == null
              ? (isWatch(req, route) ? "watch" : "list")
              : (route.legacyWatch() ? "watch" : "get");
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> route.name() == null ? "deletecollection" : "delete";
      default -> req.method().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static boolean isWatch(HttpRequestData req, Route route) {
    String w = req.param("watch");
    return route.legacyWatch() || "true".equals(w) || "1".equals(w);
  }

  void handle(HttpRequestData req, Responder resp, Route route, ResourceType rt) {
    String ns = route.namespace();
    if (rt.namespaced() && ns == null && !(req.method().equals("GET") && route.name() == null)) {
      if (!(req.method().equals("DELETE") && route.name() == null)) {
        throw ApiException.methodNotSupported(rt.plural(), req.method());
      }
    }
    if (!rt.namespaced() && ns != null) {
      throw new ApiException(
          404, "NotFound", "the server could not find the requested resource", null);
    }
    if (route.subresource() != null) {
      subresources.handle(req, resp, route, rt, writeOptions(req));
      return;
    }
    String name = route.name();
    switch (req.method()) {
      case "GET" -> {
        if (name == null) {
          if (isWatch(req, route)) {
            watch(req, resp, rt, ns, listOptions(req));
          } else {
            list(req, resp, rt, ns);
          }
        } else if (route.legacyWatch()) {
          ListOptions o = listOptions(req);
          watch(
              req,
              resp,
              rt,
              ns,
              new ListOptions(
                  o.labelSelector(),
                  "metadata.name=" + name,
                  0,
                  null,
                  o.resourceVersion(),
                  null,
                  o.allowWatchBookmarks(),
                  o.timeoutSeconds(),
                  o.sendInitialEvents()));
        } else {
          respond(req, resp, 200, rt, registry.get(rt, ns, name));
        }
      }
      case "POST" -> {
        if (name != null) {
          throw ApiException.methodNotSupported(rt.plural(), "POST");
        }
        ObjectNode body = Codec.decodeObject(req.header("content-type"), req.body());
        FieldValidation fv = FieldValidation.parse(req.param("fieldValidation"));
        List<String> warnings = fv.check(rt, body);
        if (req.user() != null) {
          rt.strategy().recordRequester(body, req.user());
        }
        respond(req, resp, 201, rt, registry.create(rt, ns, body, writeOptions(req)), warnings);
      }
      case "PUT" -> {
        requireName(rt, name, "PUT");
        ObjectNode body = Codec.decodeObject(req.header("content-type"), req.body());
        FieldValidation fv = FieldValidation.parse(req.param("fieldValidation"));
        List<String> warnings = fv.check(rt, body);
        respond(
            req, resp, 200, rt, registry.update(rt, ns, name, body, writeOptions(req)), warnings);
      }
      case "PATCH" -> {
        requireName(rt, name, "PATCH");
        FieldValidation fv = FieldValidation.parse(req.param("fieldValidation"));
        List<String> warnings = new ArrayList<>();
        if (ServerSideApply.isApply(req)) {
          ServerSideApply.Result r =
              ServerSideApply.apply(registry, req, rt, ns, name, writeOptions(req), fv, warnings);
          respond(req, resp, r.created() ? 201 : 200, rt, r.object(), warnings);
          return;
        }
        UnaryOperator<ObjectNode> patch = patcher(req);
        UnaryOperator<ObjectNode> patcher =
            current -> {
              ObjectNode patched = patch.apply(current);
              warnings.clear(); // a retried attempt reports afresh
              warnings.addAll(fv.check(rt, patched));
              return patched;
            };
        respond(
            req,
            resp,
            200,
            rt,
            registry.guaranteedUpdate(rt, ns, name, patcher, UpdatePart.MAIN, writeOptions(req)),
            warnings);
      }
      case "DELETE" -> {
        DeleteOptions opts = deleteOptions(req);
        if (name == null) {
          deleteCollection(req, resp, rt, ns, opts);
        } else {
          Registry.Deleted d = registry.delete(rt, ns, name, opts);
          respond(req, resp, d.gone() ? 200 : 202, rt, d.object());
        }
      }
      default -> throw ApiException.methodNotSupported(rt.plural(), req.method());
    }
  }

  private static void requireName(ResourceType rt, String name, String method) {
    if (name == null) {
      throw ApiException.methodNotSupported(rt.plural(), method);
    }
  }

  private void list(HttpRequestData req, Responder resp, ResourceType rt, String ns) {
    Output out = Output.negotiate(req.header("accept"), true, req.param("includeObject"));
    Lister.Page page = lister.list(rt, ns, listOptions(req));
    ObjectNode list = Lister.toList(rt, page);
    if (out.format() == Output.Format.TABLE) {
      ObjectNode meta = (ObjectNode) list.get("metadata");
      resp.send(
          200,
          out.contentType(),
          out.encode(Tables.table(rt, page.items(), out, clock.instant(), true, meta)));
      return;
    }
    Output.Rendered r = out.render(list);
    resp.send(200, r.contentType(), r.body());
  }

  private void watch(
      HttpRequestData req, Responder resp, ResourceType rt, String ns, ListOptions opts) {
    String upgrade = req.header("upgrade");
    if (upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
      // Watches are served over plain HTTP only. A complete (not streaming) 200 is the answer
      // on which clients that try WebSocket first (fabric8) fall back at once; on a 503 they
      // retry the upgrade with backoff for ~20 s first.
      ObjectNode status =
          StatusObjects.failure(
              ApiException.badRequest(
                  "watch over WebSocket is not served; watch over plain HTTP instead"));
      resp.send(200, "application/json", Output.status(status));
      return;
    }
    Output negotiated = Output.negotiate(req.header("accept"), true, req.param("includeObject"));
    // watch streams are JSON (or Tables): a YAML or protobuf watcher gets JSON events
    Output out =
        negotiated.format() == Output.Format.YAML || negotiated.format() == Output.Format.PROTOBUF
            ? Output.JSON
            : negotiated;
    // validate before the 200 goes out, so bad selectors are a proper 400
    io.nauta.apiserver.registry.Selection.of(rt, opts.labelSelector(), opts.fieldSelector());
    if (opts.resourceVersion() != null && !opts.resourceVersion().isEmpty()) {
      Lister.parseResourceVersion(opts.resourceVersion());
    }
    Responder.Stream stream = resp.stream(out.contentType());
    StreamSink sink = new StreamSink(stream, out, rt, clock);
    watchers.incrementAndGet();
    WatchSession session;
    try {
      session =
          WatchSession.start(
              registry.store(), sharedEvents, rt, ns, opts, sink, timer, bookmarkMillis);
    } catch (RuntimeException e) {
      watchers.decrementAndGet();
      stream.end();
      throw e;
    }
    stream.onClose(
        () -> {
          watchers.decrementAndGet();
          session.close();
        });
  }

  private void deleteCollection(
      HttpRequestData req, Responder resp, ResourceType rt, String ns, DeleteOptions opts) {
    ListOptions lo = listOptions(req);
    Lister.Page page =
        lister.list(
            rt,
            ns,
            new ListOptions(
                lo.labelSelector(), lo.fieldSelector(), 0, null, null, null, false, 0, null));
    List<ObjectNode> deleted = new ArrayList<>();
    for (ObjectNode item : page.items()) {
      try {
        deleted.add(registry.delete(rt, Meta.namespace(item), Meta.name(item), opts).object());
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    ObjectNode list =
        Lister.toList(rt, new Lister.Page(deleted, page.resourceVersion(), null, null));
    respond(req, resp, 200, rt, list);
  }

  private void respond(
      HttpRequestData req, Responder resp, int code, ResourceType rt, ObjectNode obj) {
    respond(req, resp, code, rt, obj, List.of());
  }

  private void respond(
      HttpRequestData req,
      Responder resp,
      int code,
      ResourceType rt,
      ObjectNode obj,
      List<String> warnings) {
    Map<String, String> headers =
        warnings.isEmpty() ? Map.of() : Map.of("Warning", FieldValidation.warningHeader(warnings));
    Output out = Output.negotiate(req.header("accept"), true, req.param("includeObject"));
    if (out.format() == Output.Format.TABLE && rt.kind().equals(obj.path("kind").asText())) {
      ObjectNode meta = Codec.JSON.createObjectNode();
      meta.put("resourceVersion", Meta.text(obj, "resourceVersion"));
      resp.send(
          code,
          out.contentType(),
          out.encode(Tables.table(rt, List.of(obj), out, clock.instant(), true, meta)),
          headers);
      return;
    }
    Output.Rendered r = out.render(obj);
    resp.send(code, r.contentType(), r.body(), headers);
  }

  /** A patch function for the request's patch type. */
  static UnaryOperator<ObjectNode> patcher(HttpRequestData req) {
    String type = Codec.mediaType(req.header("content-type"));
    JsonNode patch = Codec.decode(req.header("content-type"), req.body());
    boolean setsRv;
    switch (type) {
      case "application/json-patch+json" -> {
        if (!patch.isArray()) {
          throw ApiException.badRequest("a JSON patch must be an array of operations");
        }
        setsRv = false;
        for (JsonNode op : patch) {
          setsRv |= op.path("path").asText().equals("/metadata/resourceVersion");
        }
      }
      case "application/merge-patch+json", "application/strategic-merge-patch+json" -> {
        if (!patch.isObject()) {
          throw ApiException.badRequest("a merge patch must be a JSON object");
        }
        setsRv = patch.path("metadata").has("resourceVersion");
      }
      default ->
          throw new ApiException(
              415,
              "UnsupportedMediaType",
              "the server does not support patches of type \""
                  + type
                  + "\"; supported: application/json-patch+json, application/merge-patch+json,"
                  + " application/strategic-merge-patch+json, application/apply-patch+yaml",
              null);
    }
    boolean patchSetsRv = setsRv;
    return current -> {
      String rv = Meta.text(current, "resourceVersion");
      JsonNode result =
          switch (type) {
            case "application/json-patch+json" -> JsonPatch.apply(current, patch);
            case "application/strategic-merge-patch+json" ->
                StrategicMergePatch.apply(current, patch);
            default -> MergePatch.apply(current, patch);
          };
      if (!(result instanceof ObjectNode o)) {
        throw ApiException.badRequest("the patched document is not an object");
      }
      if (!patchSetsRv && rv.equals(Meta.text(o, "resourceVersion"))) {
        Meta.of(o).remove("resourceVersion");
      }
      return o;
    };
  }

  static WriteOptions writeOptions(HttpRequestData req) {
    List<String> dry = req.query().getOrDefault("dryRun", List.of());
    for (String d : dry) {
      if (!d.equals("All")) {
        throw ApiException.badRequest(
            "dryRun: Unsupported value: \"" + d + "\": supported values: \"All\"");
      }
    }
    String manager = req.param("fieldManager");
    if (manager == null || manager.isEmpty()) {
      manager = ServerSideApply.isApply(req) ? null : defaultManager(req.header("user-agent"));
    } else if (manager.length() > 128) {
      throw ApiException.badRequest("fieldManager: Too long: must have at most 128 bytes");
    }
    return new WriteOptions(!dry.isEmpty(), manager);
  }

  /** Kubernetes' default field manager: the User-Agent up to its first '/', else "unknown". */
  static String defaultManager(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    int slash = userAgent.indexOf('/');
    String m = (slash < 0 ? userAgent : userAgent.substring(0, slash)).strip();
    return m.isEmpty() ? "unknown" : m.length() > 128 ? m.substring(0, 128) : m;
  }

  static ListOptions listOptions(HttpRequestData req) {
    return new ListOptions(
        req.param("labelSelector"),
        req.param("fieldSelector"),
        longParam(req, "limit"),
        req.param("continue"),
        req.param("resourceVersion"),
        req.param("resourceVersionMatch"),
        "true".equals(req.param("allowWatchBookmarks")),
        longParam(req, "timeoutSeconds"),
        req.param("sendInitialEvents") == null
            ? null
            : "true".equals(req.param("sendInitialEvents")));
  }

  private static long longParam(HttpRequestData req, String name) {
    String v = req.param(name);
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": invalid value \"" + v + "\": must be an integer");
    }
  }

  static DeleteOptions deleteOptions(HttpRequestData req) {
    Long grace =
        req.param("gracePeriodSeconds") == null ? null : longParam(req, "gracePeriodSeconds");
    String policy = req.param("propagationPolicy");
    if ("true".equals(req.param("orphanDependents")) && policy == null) {
      policy = "Orphan";
    }
    String uid = null;
    String rv = null;
    boolean dry = !req.query().getOrDefault("dryRun", List.of()).isEmpty();
    if (req.body().length > 0) {
      ObjectNode body = Codec.decodeObject(req.header("content-type"), req.body());
      if (body.has("gracePeriodSeconds") && !body.get("gracePeriodSeconds").isNull()) {
        if (!body.get("gracePeriodSeconds").canConvertToLong()) {
          throw ApiException.badRequest("gracePeriodSeconds must be an integer");
        }
        grace = body.get("gracePeriodSeconds").asLong();
      }
      if (body.path("propagationPolicy").isTextual()) {
        policy = body.get("propagationPolicy").asText();
      } else if (body.path("orphanDependents").asBoolean(false) && policy == null) {
        policy = "Orphan";
      }
      JsonNode pre = body.path("preconditions");
      if (pre.path("uid").isTextual()) {
        uid = pre.get("uid").asText();
      }
      if (pre.path("resourceVersion").isTextual()) {
        rv = pre.get("resourceVersion").asText();
      }
      if (body.path("dryRun").isArray() && !body.path("dryRun").isEmpty()) {
        dry = true;
      }
    }
    return new DeleteOptions(grace, policy, uid, rv, dry);
  }
}
