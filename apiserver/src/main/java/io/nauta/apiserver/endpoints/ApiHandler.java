package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nauta.apiserver.auth.Authorizer;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.http.HttpRequestData;
import io.nauta.apiserver.http.RequestHandler;
import io.nauta.apiserver.http.Responder;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.resources.authorization.Reviews;
import io.nauta.apiserver.status.ApiException;
import io.nauta.apiserver.status.StatusObjects;
import io.nauta.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of the API: authenticates, routes Kubernetes paths to discovery or resource verbs,
 * answers version/health/metrics, turns every failure into a Status, and records request metrics.
 */
public final class ApiHandler implements RequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final Set<String> PUBLIC =
      Set.of("/healthz", "/livez", "/readyz", "/version", "/version/");

  private final Registry registry;
  private final Discovery discovery;
  private final OpenApiDocuments openApi;
  private final ResourceHandler resources;
  private final PrometheusMeterRegistry metrics;
  private final BooleanSupplier ready;
  private final byte[] version;
  private final NodeProxy nodes;
  private final ResourceMetricsEndpoint resourceMetrics;

  /**
   * @param agentTls the client TLS context (the API server's client certificate) for reaching node
   *     agents: pods/log, exec, attach, portforward and nodes/proxy go to them
   * @param resourceMetrics the window the {@code metrics.k8s.io} API answers from
   */
  public ApiHandler(
      Registry registry,
      ResourceHandler resources,
      PrometheusMeterRegistry metrics,
      BooleanSupplier ready,
      io.netty.handler.ssl.SslContext agentTls,
      io.nauta.apiserver.resourcemetrics.MetricsWindow resourceMetrics) {
    this.resourceMetrics =
        new ResourceMetricsEndpoint(registry, resourceMetrics, java.time.Clock.systemUTC());
    this.nodes = new NodeProxy(registry, agentTls);
    this.registry = registry;
    this.discovery = new Discovery(registry.catalog());
    this.openApi = new OpenApiDocuments(registry.catalog());
    this.resources = resources;
    this.metrics = metrics;
    this.ready = ready;
    this.version = Output.JSON.encode(VersionInfo.object());
  }

  /**
   * Prepares, on a background thread, the answers too costly to build on the start-up path (the
   * OpenAPI documents); call once the server serves. Requests never depend on it having finished.
   */
  public void prepareInBackground() {
    openApi.buildInBackground();
  }

  @Override
  public void handle(HttpRequestData req, Responder resp) {
    long start = System.nanoTime();
    String verb = req.method().toLowerCase(java.util.Locale.ROOT);
    String resource = "";
    int code = 200;
    try {
      String path = req.path();
      if (PUBLIC.contains(path)
          || path.startsWith("/livez/")
          || path.startsWith("/readyz/")
          || path.startsWith("/healthz/")) {
        code = servePublic(path, resp);
        return;
      }
      if (req.user() == null) {
        throw ApiException.unauthorized();
      }
      if (path.equals("/metrics")) {
        Optional<String> denied = Authorizer.deniedPath(req.user(), "get", path);
        if (denied.isPresent()) {
          throw new ApiException(403, "Forbidden", "forbidden: " + denied.get(), null);
        }
        resp.send(
            200,
            "text/plain; version=0.0.4; charset=utf-8",
            metrics.scrape().getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
        requireGet(req);
        resp.send(200, "application/json", openApi.get().root());
        return;
      }
      if (path.startsWith("/openapi/v3/")) {
        requireGet(req);
        openApi.get().serve(path.substring("/openapi/v3/".length()), req, resp);
        return;
      }
      if (path.equals("/api")
          || path.equals("/api/")
          || path.equals("/apis")
          || path.equals("/apis/")) {
        requireGet(req);
        Discovery.Answer a = discovery.root(path.startsWith("/apis"), req.header("accept"));
        resp.send(200, a.contentType(), a.body());
        return;
      }
      String[] nodeProxy = NodeProxy.nodeProxyPath(path);
      if (nodeProxy != null) {
        resource = "nodes";
        nodes.node(req, resp, nodeProxy[0], nodeProxy[1]);
        return;
      }
      String[] podProxy = NodeProxy.podProxyPath(path);
      if (podProxy != null) {
        resource = "pods";
        nodes.podProxy(
            req,
            resp,
            registry.catalog().find("", "v1", "pods").orElseThrow(() -> notFoundPath(path)),
            podProxy);
        return;
      }
      Route route = Route.parse(path);
      if (route == null) {
        if (path.startsWith("/apis/") && path.split("/").length == 3) {
          requireGet(req);
          Discovery.Answer a = discovery.group(path.split("/")[2]);
          resp.send(200, a.contentType(), a.body());
          return;
        }
        throw notFoundPath(path);
      }
      if (route.plural() == null) {
        requireGet(req);
        Discovery.Answer a = discovery.groupVersion(route.group(), route.version());
        resp.send(200, a.contentType(), a.body());
        return;
      }
      ResourceType rt =
          registry
              .catalog()
              .find(route.group(), route.version(), route.plural())
              .orElseThrow(() -> notFoundPath(path));
      resource = rt.plural();
      if (route.subresource() != null && !rt.subresources().contains(route.subresource())) {
        throw notFoundPath(path);
      }
      verb = resources.verb(req, route);
      Optional<String> denied =
          Authorizer.deniedResource(
              req.user(), verb, rt.group(), rt.plural(), route.subresource(), route.namespace());
      if (denied.isPresent()) {
        throw ApiException.forbidden(rt.group(), rt.plural(), route.name(), denied.get());
      }
      if (rt.isReadOnly()) {
        resourceMetrics.handle(req, resp, route, rt, verb);
        return;
      }
      if (rt.group().isEmpty() && rt.plural().equals("bindings")) {
        resources.bindings(req, resp, route);
        return;
      }
      if (rt.group().isEmpty()
          && rt.plural().equals("pods")
          && route.name() != null
          && route.subresource() != null
          && NodeProxy.POD_SUBRESOURCES.contains(route.subresource())) {
        nodes.pod(req, resp, route, rt);
        return;
      }
      if (rt.isCreateOnly()) {
        review(req, resp, route, rt);
        return;
      }
      resources.handle(req, resp, route, rt);
    } catch (ApiException e) {
      code = e.code();
      resp.send(e.code(), "application/json", Output.status(StatusObjects.failure(e)));
    } catch (StoreException e) {
      ApiException ae = Registry.storeError(e);
      code = ae.code();
      resp.send(ae.code(), "application/json", Output.status(StatusObjects.failure(ae)));
    } catch (RuntimeException e) {
      LOG.error("internal error serving {} {}", req.method(), req.path(), e);
      code = 500;
      ApiException ae =
          ApiException.internal(
              "an error on the server (\"" + e + "\") has prevented the request from succeeding");
      resp.send(500, "application/json", Output.status(StatusObjects.failure(ae)));
    } finally {
      record(verb, resource, code, System.nanoTime() - start);
    }
  }

  private void record(String verb, String resource, int code, long nanos) {
    MeterRegistry m = metrics;
    m.counter(
            "apiserver.request",
            "verb",
            verb.toUpperCase(java.util.Locale.ROOT),
            "resource",
            resource,
            "code",
            Integer.toString(code))
        .increment();
    if (!"watch".equals(verb)) {
      Timer.builder("apiserver.request.duration")
          .tag("verb", verb.toUpperCase(java.util.Locale.ROOT))
          .tag("resource", resource)
          .publishPercentileHistogram()
          .register(m)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private int servePublic(String path, Responder resp) {
    if (path.startsWith("/version")) {
      resp.send(200, "application/json", version);
      return 200;
    }
    boolean ok = !path.startsWith("/readyz") || ready.getAsBoolean();
    byte[] body = (ok ? "ok" : "[-]readyz failed: not ready").getBytes(StandardCharsets.UTF_8);
    resp.send(ok ? 200 : 503, "text/plain; charset=utf-8", body);
    return ok ? 200 : 503;
  }

  private static void review(HttpRequestData req, Responder resp, Route route, ResourceType rt) {
    if (!req.method().equals("POST") || route.name() != null || route.subresource() != null) {
      throw ApiException.methodNotSupported(rt.plural(), req.method());
    }
    ObjectNode body = Codec.decodeObject(req.header("content-type"), req.body());
    Registry.checkTypeMeta(rt, body);
    ObjectNode answer = Reviews.answer(rt, body, req.user());
    Output out = Output.negotiate(req.header("accept"), false, null);
    Output.Rendered r = out.render(answer);
    resp.send(201, r.contentType(), r.body());
  }

  private static void requireGet(HttpRequestData req) {
    if (!req.method().equals("GET")) {
      throw ApiException.methodNotSupported("", req.method());
    }
  }

  private static ApiException notFoundPath(String path) {
    return new ApiException(
        404, "NotFound", "the server could not find the requested resource", null);
  }

  /** An empty Status object, exposed for tests. */
  static ObjectNode emptyObject() {
    return Codec.JSON.createObjectNode();
  }
}
