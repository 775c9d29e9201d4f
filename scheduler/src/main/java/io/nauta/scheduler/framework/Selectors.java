package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.api.labels.LabelSelector;
import io.nauta.api.labels.Requirement;
import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import io.nauta.client.labels.LabelSelectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Label selectors of pod specs (fabric8's {@code metav1.LabelSelector} model) turned into the API
 * module's {@link LabelSelector}, which the API server's list filtering also uses, so plugins that
 * select pods by label (inter-pod affinity, topology spread) match exactly as it does; plus the
 * label and namespace accessors those plugins share. Stateless.
 */
public final class Selectors {
  private Selectors() {}

  /**
   * The selector a spec's {@code metav1.LabelSelector} means; see {@link LabelSelectors#compile}.
   */
  public static LabelSelector compile(io.fabric8.kubernetes.api.model.LabelSelector selector) {
    return LabelSelectors.compile(selector);
  }

  /**
   * {@code selector} narrowed by the owner pod's own label values, as Kubernetes applies {@code
   * matchLabelKeys} (selected pods must share the owner's value: {@code key in (value)}) and {@code
   * mismatchLabelKeys} ({@code key notin (value)}). Keys the owner has no label for are ignored;
   * {@link LabelSelector#nothing()} stays nothing.
   *
   * @param matchKeys keys whose values must match; null means none
   * @param mismatchKeys keys whose values must differ; null means none
   */
  public static LabelSelector withLabelKeys(
      LabelSelector selector,
      Map<String, String> ownerLabels,
      List<String> matchKeys,
      List<String> mismatchKeys) {
    List<Requirement> more = new ArrayList<>();
    try {
      addRequirements(more, ownerLabels, matchKeys, Operator.IN);
      addRequirements(more, ownerLabels, mismatchKeys, Operator.NOT_IN);
    } catch (SelectorParseException e) {
      return LabelSelector.nothing();
    }
    return more.isEmpty() ? selector : selector.and(more.toArray(Requirement[]::new));
  }

  private static void addRequirements(
      List<Requirement> out, Map<String, String> labels, List<String> keys, Operator op) {
    if (keys == null) {
      return;
    }
    for (String key : keys) {
      String value = labels.get(key);
      if (value != null) {
        out.add(Requirement.of(key, op, value));
      }
    }
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
