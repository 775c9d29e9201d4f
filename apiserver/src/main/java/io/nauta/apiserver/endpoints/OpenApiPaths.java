package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.http.HttpRequestData;
import io.nauta.apiserver.http.Responder;
import io.nauta.apiserver.openapi.GroupVersionSchemas;
import io.nauta.apiserver.openapi.OpenApiComponents;
import io.nauta.apiserver.registry.ResourceCatalog;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAPI v3 documents describing every served path and operation, with the group-version-kind
 * extension and inline query parameters kubectl reads (e.g. to learn that the server validates
 * fields itself), and the object schemas of every served kind in {@code components.schemas} (which
 * {@code kubectl explain} and client-side {@code kubectl apply} read). Built once, at construction;
 * immutable afterwards.
 */
final class OpenApiPaths {
  private static final List<String> PATCH_TYPES =
      List.of(
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json",
          "application/apply-patch+yaml");

  private final Map<String, byte[]> docs = new LinkedHashMap<>();
  private final Map<String, String> hashes = new LinkedHashMap<>();
  private final byte[] root;

  OpenApiPaths(ResourceCatalog catalog) {
    OpenApiComponents components = new OpenApiComponents();
    ObjectNode rootDoc = Codec.JSON.createObjectNode();
    ObjectNode paths = rootDoc.putObject("paths");
    for (String group : allGroups(catalog)) {
      for (String version : catalog.versions(group)) {
        String key = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
        byte[] doc = Output.JSON.encode(groupVersionDoc(catalog, components, group, version));
        String hash = hash(doc);
        docs.put(key, doc);
        hashes.put(key, hash);
        paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash);
      }
    }
    root = Output.JSON.encode(rootDoc);
  }

  private static List<String> allGroups(ResourceCatalog catalog) {
    List<String> g = new java.util.ArrayList<>();
    g.add("");
    g.addAll(catalog.groups());
    return g;
  }

  byte[] root() {
    return root;
  }

  /** The document for {@code api/v1} or {@code apis/G/V}; 404 otherwise. */
  byte[] document(String key) {
    byte[] d = docs.get(key);
    if (d == null) {
      throw new ApiException(
          404, "NotFound", "the server could not find the requested resource", null);
    }
    return d;
  }

  String hashOf(String key) {
    return hashes.get(key);
  }

  /**
   * Answers a GET of {@code /openapi/v3/<key>} as Kubernetes does: the hash is the document's
   * strong ETag (a matching If-None-Match gets 304); a request naming the current {@code ?hash=}
   * may cache the document forever, since that URL's content never changes; a stale hash is
   * redirected (301) to the current URL.
   */
  void serve(String key, HttpRequestData req, Responder resp) {
    byte[] doc = document(key);
    String hash = hashes.get(key);
    String requested = req.param("hash");
    if (requested != null && !requested.equals(hash)) {
      resp.send(
          301,
          "text/plain",
          new byte[0],
          Map.of("Location", "/openapi/v3/" + key + "?hash=" + hash));
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", "\"" + hash + "\"");
    if (requested != null) {
      headers.put("Cache-Control", "public, immutable");
      headers.put(
          "Expires",
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              ZonedDateTime.now(ZoneOffset.UTC).plusYears(10)));
    }
    if (matches(req.header("if-none-match"), hash)) {
      resp.send(304, "application/json", new byte[0], headers);
    } else {
      resp.send(200, "application/json", doc, headers);
    }
  }

  /** True if an If-None-Match header names {@code hash} (or is {@code *}). */
  private static boolean matches(String ifNoneMatch, String hash) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals("\"" + hash + "\"")) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode groupVersionDoc(
      ResourceCatalog catalog, OpenApiComponents components, String group, String version) {
    GroupVersionSchemas schemas = components.forResources(catalog.resources(group, version));
    ObjectNode doc = Codec.JSON.createObjectNode();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", VersionInfo.GIT_VERSION);
    ObjectNode paths = doc.putObject("paths");
    doc.putObject("components").set("schemas", schemas.schemas());
    String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    for (ResourceType t : catalog.resources(group, version)) {
      String collection =
          t.namespaced() ? base + "/namespaces/{namespace}/" + t.plural() : base + "/" + t.plural();
      ObjectNode coll = paths.putObject(collection);
      Optional<String> kind = schemas.kindRef(t);
      Optional<String> status = schemas.statusRef();
      if (t.isCreateOnly()) {
        // a review is only ever created: the answer is the request with its status filled in
        coll.set("post", op(t, "create", kind, kind, List.of("dryRun", "fieldManager")));
        continue;
      }
      if (t.isReadOnly()) {
        // resource metrics: computed on request, only read
        coll.set(
            "get",
            op(
                t,
                "list",
                Optional.empty(),
                schemas.listRef(t),
                List.of("labelSelector", "fieldSelector")));
        paths
            .putObject(collection + "/{name}")
            .set("get", op(t, "read", Optional.empty(), kind, List.of()));
        continue;
      }
      coll.set(
          "get",
          op(
              t,
              "list",
              Optional.empty(),
              schemas.listRef(t),
              List.of(
                  "labelSelector",
                  "fieldSelector",
                  "limit",
                  "continue",
                  "resourceVersion",
                  "resourceVersionMatch",
                  "watch",
                  "allowWatchBookmarks",
                  "timeoutSeconds",
                  "sendInitialEvents")));
      coll.set(
          "post",
          op(t, "create", kind, kind, List.of("dryRun", "fieldManager", "fieldValidation")));
      coll.set(
          "delete",
          op(
              t,
              "deletecollection",
              Optional.empty(),
              status,
              List.of(
                  "labelSelector",
                  "fieldSelector",
                  "gracePeriodSeconds",
                  "propagationPolicy",
                  "dryRun")));
      ObjectNode item = paths.putObject(collection + "/{name}");
      item.set("get", op(t, "read", Optional.empty(), kind, List.of()));
      item.set(
          "put",
          op(t, "replace", kind, kind, List.of("dryRun", "fieldManager", "fieldValidation")));
      item.set("patch", patch(t, kind));
      item.set(
          "delete",
          op(
              t,
              "delete",
              Optional.empty(),
              status,
              List.of("gracePeriodSeconds", "propagationPolicy", "dryRun")));
      for (String sub : t.subresources()) {
        ObjectNode s = paths.putObject(collection + "/{name}/" + sub);
        Optional<String> body = schemas.subresourceRef(t, sub);
        List<String> writeParams = List.of("dryRun", "fieldManager", "fieldValidation");
        if (sub.equals("binding") || sub.equals("eviction")) {
          s.set("post", op(t, "create", body, body, writeParams));
        } else if (sub.equals("log")) {
          s.set("get", op(t, "read", Optional.empty(), Optional.empty(), List.of("container")));
        } else if (List.of("exec", "attach", "portforward", "proxy").contains(sub)) {
          s.set("get", op(t, "connect", Optional.empty(), Optional.empty(), List.of()));
          s.set("post", op(t, "connect", Optional.empty(), Optional.empty(), List.of()));
        } else {
          s.set("get", op(t, "read", Optional.empty(), body, List.of()));
          s.set("put", op(t, "replace", body, body, writeParams));
          s.set("patch", patch(t, body));
        }
      }
    }
    return doc;
  }

  /** A patch operation: the body is a patch document in one of the patch media types. */
  private static ObjectNode patch(ResourceType t, Optional<String> result) {
    ObjectNode op =
        op(
            t,
            "patch",
            Optional.empty(),
            result,
            List.of("dryRun", "fieldManager", "fieldValidation", "force"));
    ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
    for (String type : PATCH_TYPES) {
      content.putObject(type).putObject("schema").put("type", "object");
    }
    return op;
  }

  /**
   * An operation with its query parameters; {@code request} and {@code response} reference the
   * schemas of the JSON body it takes and returns, where known.
   */
  private static ObjectNode op(
      ResourceType t,
      String action,
      Optional<String> request,
      Optional<String> response,
      List<String> params) {
    ObjectNode op = Codec.JSON.createObjectNode();
    op.put("operationId", action + t.kind());
    op.put(
        "x-kubernetes-action",
        action.equals("read") ? "get" : action.equals("replace") ? "put" : action);
    ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
    gvk.put("group", t.group());
    gvk.put("version", t.version());
    gvk.put("kind", t.kind());
    ArrayNode ps = op.putArray("parameters");
    for (String p : params) {
      ObjectNode param = ps.addObject();
      param.put("name", p);
      param.put("in", "query");
      param.put("uniqueItems", true);
      param
          .putObject("schema")
          .put(
              "type",
              p.equals("limit") || p.endsWith("Seconds")
                  ? "integer"
                  : p.equals("watch")
                          || p.equals("force")
                          || p.equals("allowWatchBookmarks")
                          || p.equals("sendInitialEvents")
                      ? "boolean"
                      : "string");
    }
    request.ifPresent(
        ref ->
            op.putObject("requestBody")
                .put("required", true)
                .putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", ref));
    ObjectNode ok = op.putObject("responses").putObject("200").put("description", "OK");
    response.ifPresent(
        ref ->
            ok.putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", ref));
    return op;
  }

  private static String hash(byte[] doc) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-512").digest(doc);
      return HexFormat.of().withUpperCase().formatHex(d, 0, 64);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
