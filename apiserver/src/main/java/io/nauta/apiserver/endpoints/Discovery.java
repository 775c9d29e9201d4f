package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.codec.MediaRange;
import io.nauta.apiserver.registry.ResourceCatalog;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.status.ApiException;
import java.util.List;
import java.util.Map;

/**
 * Discovery documents, legacy ({@code /api}, {@code /apis}, {@code /apis/G}, group-version resource
 * lists) and aggregated ({@code apidiscovery.k8s.io/v2} and {@code v2beta1}), all computed once
 * from the catalog.
 */
final class Discovery {
  private static final Map<String, List<String>> SUB_VERBS =
      Map.of(
          "status", List.of("get", "patch", "update"),
          "scale", List.of("get", "patch", "update"),
          "binding", List.of("create"),
          "eviction", List.of("create"),
          "finalize", List.of("update"),
          "log", List.of("get"),
          "exec", List.of("create", "get"),
          "attach", List.of("create", "get"),
          "portforward", List.of("create", "get"),
          "proxy", List.of("create", "delete", "get", "patch", "update"));

  /** An encoded answer. */
  record Answer(String contentType, byte[] body) {}

  private final ResourceCatalog catalog;
  private final Answer apiVersions;
  private final Answer groupList;
  private final byte[][] aggregated = new byte[4][];

  Discovery(ResourceCatalog catalog) {
    this.catalog = catalog;
    this.apiVersions = json(apiVersionsObject());
    this.groupList = json(groupListObject());
    aggregated[0] = Output.JSON.encode(aggregatedObject(false, "v2"));
    aggregated[1] = Output.JSON.encode(aggregatedObject(false, "v2beta1"));
    aggregated[2] = Output.JSON.encode(aggregatedObject(true, "v2"));
    aggregated[3] = Output.JSON.encode(aggregatedObject(true, "v2beta1"));
  }

  private static Answer json(ObjectNode o) {
    return new Answer("application/json", Output.JSON.encode(o));
  }

  Answer root(boolean apis, String accept) {
    for (MediaRange r : MediaRange.parseAccept(accept)) {
      if (r.isAs("APIGroupDiscoveryList", "apidiscovery.k8s.io", "v2", "v2beta1")) {
        String v = r.param("v");
        int idx = (apis ? 2 : 0) + (v.equals("v2") ? 0 : 1);
        return new Answer(
            "application/json;g=apidiscovery.k8s.io;v=" + v + ";as=APIGroupDiscoveryList",
            aggregated[idx]);
      }
      if (!r.hasAs()) {
        break;
      }
    }
    return apis ? groupList : apiVersions;
  }

  Answer group(String group) {
    if (catalog.versions(group).isEmpty()) {
      throw new ApiException(
          404, "NotFound", "the server could not find the requested resource", null);
    }
    ObjectNode g = groupObject(group);
    g.put("kind", "APIGroup");
    g.put("apiVersion", "v1");
    return json(g);
  }

  Answer groupVersion(String group, String version) {
    List<ResourceType> types = catalog.resources(group, version);
    if (types.isEmpty()) {
      throw new ApiException(
          404, "NotFound", "the server could not find the requested resource", null);
    }
    ObjectNode list = Codec.JSON.createObjectNode();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      strings(r.putArray("verbs"), t.verbs());
      if (!t.shortNames().isEmpty()) {
        strings(r.putArray("shortNames"), t.shortNames());
      }
      if (!t.categories().isEmpty()) {
        strings(r.putArray("categories"), t.categories());
      }
      for (String sub : t.subresources().stream().sorted().toList()) {
        ObjectNode s = resources.addObject();
        s.put("name", t.plural() + "/" + sub);
        s.put("singularName", "");
        s.put("namespaced", t.namespaced());
        s.put("kind", subKind(t, sub));
        if (sub.equals("scale")) {
          s.put("group", "autoscaling");
          s.put("version", "v1");
        }
        if (sub.equals("eviction")) {
          s.put("group", "policy");
          s.put("version", "v1");
        }
        strings(s.putArray("verbs"), SUB_VERBS.getOrDefault(sub, List.of("get")));
      }
    }
    return json(list);
  }

  private static String subKind(ResourceType t, String sub) {
    return switch (sub) {
      case "scale" -> "Scale";
      case "binding" -> "Binding";
      case "eviction" -> "Eviction";
      case "exec" -> "PodExecOptions";
      case "attach" -> "PodAttachOptions";
      case "portforward" -> "PodPortForwardOptions";
      case "proxy" -> t.kind() + "ProxyOptions";
      default -> t.kind();
    };
  }

  private ObjectNode apiVersionsObject() {
    ObjectNode o = Codec.JSON.createObjectNode();
    o.put("kind", "APIVersions");
    strings(o.putArray("versions"), catalog.versions(""));
    ObjectNode addr = o.putArray("serverAddressByClientCIDRs").addObject();
    addr.put("clientCIDR", "0.0.0.0/0");
    addr.put("serverAddress", "");
    return o;
  }

  private ObjectNode groupListObject() {
    ObjectNode o = Codec.JSON.createObjectNode();
    o.put("kind", "APIGroupList");
    o.put("apiVersion", "v1");
    ArrayNode groups = o.putArray("groups");
    for (String g : catalog.groups()) {
      groups.add(groupObject(g));
    }
    return o;
  }

  private ObjectNode groupObject(String group) {
    ObjectNode g = Codec.JSON.createObjectNode();
    g.put("name", group);
    ArrayNode versions = g.putArray("versions");
    for (String v : catalog.versions(group)) {
      ObjectNode gv = versions.addObject();
      gv.put("groupVersion", group + "/" + v);
      gv.put("version", v);
    }
    ObjectNode pref = g.putObject("preferredVersion");
    pref.put("groupVersion", group + "/" + catalog.versions(group).get(0));
    pref.put("version", catalog.versions(group).get(0));
    return g;
  }

  private ObjectNode aggregatedObject(boolean apis, String v) {
    ObjectNode o = Codec.JSON.createObjectNode();
    o.put("kind", "APIGroupDiscoveryList");
    o.put("apiVersion", "apidiscovery.k8s.io/" + v);
    o.putObject("metadata");
    ArrayNode items = o.putArray("items");
    List<String> groups = apis ? catalog.groups() : List.of("");
    for (String group : groups) {
      ObjectNode item = items.addObject();
      ObjectNode meta = item.putObject("metadata");
      if (!group.isEmpty()) {
        meta.put("name", group);
      }
      ArrayNode versions = item.putArray("versions");
      for (String version : catalog.versions(group)) {
        ObjectNode ver = versions.addObject();
        ver.put("version", version);
        ArrayNode resources = ver.putArray("resources");
        for (ResourceType t : catalog.resources(group, version)) {
          ObjectNode r = resources.addObject();
          r.put("resource", t.plural());
          ObjectNode kind = r.putObject("responseKind");
          kind.put("group", group);
          kind.put("version", version);
          kind.put("kind", t.kind());
          r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
          r.put("singularResource", t.singular());
          strings(r.putArray("verbs"), t.verbs());
          if (!t.shortNames().isEmpty()) {
            strings(r.putArray("shortNames"), t.shortNames());
          }
          if (!t.categories().isEmpty()) {
            strings(r.putArray("categories"), t.categories());
          }
          if (!t.subresources().isEmpty()) {
            ArrayNode subs = r.putArray("subresources");
            for (String sub : t.subresources().stream().sorted().toList()) {
              ObjectNode s = subs.addObject();
              s.put("subresource", sub);
              ObjectNode sk = s.putObject("responseKind");
              sk.put(
                  "group",
                  sub.equals("scale") ? "autoscaling" : sub.equals("eviction") ? "policy" : group);
              sk.put("version", sub.equals("scale") || sub.equals("eviction") ? "v1" : version);
              sk.put("kind", subKind(t, sub));
              strings(s.putArray("verbs"), SUB_VERBS.getOrDefault(sub, List.of("get")));
            }
          }
        }
        ver.put("freshness", "Current");
      }
    }
    return o;
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }
}
