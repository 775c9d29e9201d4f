package io.nauta.apiserver.endpoints;

import java.util.Arrays;
import java.util.List;

/**
 * A parsed resource path such as {@code /apis/apps/v1/namespaces/ns/deployments/web/scale}.
 *
 * @param group "" for core
 * @param version e.g. v1
 * @param namespace the namespace segment, or null
 * @param plural the resource, or null for a group-version root
 * @param name the object name, or null for a collection
 * @param subresource e.g. status, or null
 * @param legacyWatch true for the deprecated {@code /watch/} prefix form
 */
record Route(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource,
    boolean legacyWatch) {

  /** Parses a path; null when it is not a resource path. */
  static Route parse(String path) {
    List<String> s = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
    int i;
    String group;
    String version;
    if (s.size() >= 2 && s.get(0).equals("api")) {
      group = "";
      version = s.get(1);
      i = 2;
    } else if (s.size() >= 3 && s.get(0).equals("apis")) {
      group = s.get(1);
      version = s.get(2);
      i = 3;
    } else {
      return null;
    }
    boolean watch = false;
    if (i < s.size() && s.get(i).equals("watch")) {
      watch = true;
      i++;
    }
    List<String> rest = s.subList(i, s.size());
    if (rest.isEmpty()) {
      return new Route(group, version, null, null, null, null, watch);
    }
    if (group.isEmpty() && rest.get(0).equals("namespaces")) {
      // /namespaces, /namespaces/{ns}, /namespaces/{ns}/status|finalize,
      // /namespaces/{ns}/{plural}...
      if (rest.size() == 1) {
        return new Route(group, version, null, "namespaces", null, null, watch);
      }
      if (rest.size() == 2) {
        return new Route(group, version, null, "namespaces", rest.get(1), null, watch);
      }
      if (rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize"))) {
        return new Route(group, version, null, "namespaces", rest.get(1), rest.get(2), watch);
      }
    }
    String ns = null;
    if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
      ns = rest.get(1);
      rest = rest.subList(2, rest.size());
    } else if (rest.get(0).equals("namespaces") && rest.size() == 2 && !group.isEmpty()) {
      return null;
    }
    if (rest.size() > 3) {
      return null;
    }
    return new Route(
        group,
        version,
        ns,
        rest.get(0),
        rest.size() > 1 ? rest.get(1) : null,
        rest.size() > 2 ? rest.get(2) : null,
        watch);
  }
}
