package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Label selector matching as Kubernetes' {@code metav1.LabelSelectorAsSelector} defines it, for the
 * plugins that select pods by label (inter-pod affinity, topology spread). Stateless.
 */
public final class Selectors {
  private Selectors() {}

  /**
   * Whether {@code selector} selects an object with {@code labels}. A null selector selects nothing
   * and an empty one ({@code {}}) selects everything, as in Kubernetes; {@code matchLabels} and
   * every {@code matchExpressions} requirement must all hold. An unknown operator selects nothing,
   * the way Kubernetes rejects such a selector.
   *
   * @param labels the object's labels; null counts as none
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    Map<String, String> want = selector.getMatchLabels();
    if (want != null) {
      for (var e : want.entrySet()) {
        if (!e.getValue().equals(have.get(e.getKey()))) {
          return false;
        }
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions != null) {
      for (LabelSelectorRequirement r : expressions) {
        if (!matches(r, have.get(r.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@link #matches(LabelSelector, Map)} against a pod's labels. */
  public static boolean matches(LabelSelector selector, Pod pod) {
    return matches(selector, podLabels(pod));
  }

  private static boolean matches(LabelSelectorRequirement r, String value) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator() == null ? "" : r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      // a missing label is "not in" any set, as in Kubernetes
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }

  /**
   * {@code selector} narrowed by the incoming pod's own label values, as Kubernetes applies {@code
   * matchLabelKeys} (the pod's value must match: {@code key In (value)}) and {@code
   * mismatchLabelKeys} ({@code key NotIn (value)}). Keys the pod has no label for are ignored. A
   * null selector stays null (it selects nothing either way).
   */
  public static LabelSelector withLabelKeys(
      LabelSelector selector,
      Map<String, String> podLabels,
      List<String> matchKeys,
      List<String> mismatchKeys) {
    if (selector == null || (isEmpty(matchKeys) && isEmpty(mismatchKeys)) || podLabels.isEmpty()) {
      return selector;
    }
    List<LabelSelectorRequirement> expressions = new ArrayList<>();
    if (selector.getMatchExpressions() != null) {
      expressions.addAll(selector.getMatchExpressions());
    }
    addRequirements(expressions, podLabels, matchKeys, "In");
    addRequirements(expressions, podLabels, mismatchKeys, "NotIn");
    return new LabelSelector(expressions, selector.getMatchLabels());
  }

  private static void addRequirements(
      List<LabelSelectorRequirement> out,
      Map<String, String> labels,
      List<String> keys,
      String op) {
    if (keys == null) {
      return;
    }
    for (String key : keys) {
      String value = labels.get(key);
      if (value != null) {
        out.add(new LabelSelectorRequirement(key, op, List.of(value)));
      }
    }
  }

  private static boolean isEmpty(List<String> l) {
    return l == null || l.isEmpty();
  }

  /** A pod's labels, never null. */
  public static Map<String, String> podLabels(Pod pod) {
    Map<String, String> l = pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  /** A node's labels, never null. */
  public static Map<String, String> nodeLabels(Node node) {
    Map<String, String> l = node.getMetadata() == null ? null : node.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  /** A pod's namespace; {@code default} when unset, as the API server defaults it. */
  public static String namespace(Pod pod) {
    String ns = pod.getMetadata() == null ? null : pod.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? "default" : ns;
  }
}
