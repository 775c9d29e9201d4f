package io.nauta.node.env;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values of a pod's fields as the downward API presents them ({@code fieldRef}): names, the
 * UID, one label or annotation ({@code metadata.labels['k']}, empty when absent), all of them
 * ({@code metadata.labels}: sorted {@code key="value"} lines, values quoted as Go's {@code %q}
 * does), and for environment variables also the node's name, the service account and the pod's and
 * host's addresses (several joined by commas). Pure.
 */
public final class DownwardFields {
  private DownwardFields() {}

  /**
   * The value of {@code fieldPath} for the pod, or empty when the path is not one the downward API
   * supports.
   */
  public static Optional<String> value(PodFacts facts, String fieldPath) {
    Pod pod = facts.pod();
    var meta = pod.getMetadata();
    String path = fieldPath == null ? "" : fieldPath;
    return switch (path) {
      case "metadata.name" -> Optional.of(orEmpty(meta.getName()));
      case "metadata.namespace" -> Optional.of(orEmpty(meta.getNamespace()));
      case "metadata.uid" -> Optional.of(orEmpty(meta.getUid()));
      case "metadata.labels" -> Optional.of(formatMap(meta.getLabels()));
      case "metadata.annotations" -> Optional.of(formatMap(meta.getAnnotations()));
      case "spec.nodeName" -> Optional.of(orEmpty(pod.getSpec().getNodeName()));
      case "spec.serviceAccountName" -> Optional.of(orEmpty(pod.getSpec().getServiceAccountName()));
      case "status.hostIP" -> Optional.of(first(facts.hostIps()));
      case "status.hostIPs" -> Optional.of(String.join(",", facts.hostIps()));
      case "status.podIP" -> Optional.of(first(facts.podIps()));
      case "status.podIPs" -> Optional.of(String.join(",", facts.podIps()));
      default ->
          subscripted(meta.getLabels(), "metadata.labels", path)
              .or(() -> subscripted(meta.getAnnotations(), "metadata.annotations", path));
    };
  }

  /** {@code metadata.labels['key']}: the value, empty when there is no such key. */
  private static Optional<String> subscripted(Map<String, String> map, String field, String path) {
    String prefix = field + "['";
    if (!path.startsWith(prefix) || !path.endsWith("']") || path.length() < prefix.length() + 2) {
      return Optional.empty();
    }
    String key = path.substring(prefix.length(), path.length() - 2);
    return Optional.of(map == null ? "" : orEmpty(map.get(key)));
  }

  /** Sorted {@code key="value"} lines without a trailing newline, as Kubernetes formats maps. */
  static String formatMap(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (var e : new TreeMap<>(map).entrySet()) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(e.getKey()).append('=').append(quote(e.getValue()));
    }
    return out.toString();
  }

  /** A string quoted the way Go's {@code %q} (strconv.Quote) does it. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    String value = orEmpty(s);
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case 7 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 11 -> out.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            out.append(String.format("\\x%02x", cp));
          } else if (printable(cp)) {
            out.appendCodePoint(cp);
          } else if (cp < 0x10000) {
            out.append(String.format("\\u%04x", cp));
          } else {
            out.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean printable(int cp) {
    if (cp < 0x80) {
      return true;
    }
    int type = Character.getType(cp);
    return Character.isDefined(cp)
        && type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE
        && type != Character.UNASSIGNED
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && (type != Character.SPACE_SEPARATOR || cp == 0x20);
  }

  private static String first(java.util.List<String> list) {
    return list.isEmpty() ? "" : list.get(0);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
