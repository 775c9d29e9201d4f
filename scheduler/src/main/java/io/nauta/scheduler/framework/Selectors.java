package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.api.labels.LabelSelector;
import io.nauta.api.labels.Requirement;
import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
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
   * The selector a spec's {@code metav1.LabelSelector} means, compiled once so that matching many
   * pods does not re-read the model. As in Kubernetes' {@code LabelSelectorAsSelector}: null
   * selects nothing, an empty selector ({@code {}}) everything, and {@code matchLabels} and every
   * {@code matchExpressions} requirement (In, NotIn, Exists, DoesNotExist) must all hold. A
   * selector the API server should have rejected (unknown operator, bad key or value, In without
   * values) selects nothing, so a broken term never matches by accident.
   */
  public static LabelSelector compile(io.fabric8.kubernetes.api.model.LabelSelector selector) {
    if (selector == null) {
      return LabelSelector.nothing();
    }
    try {
      List<Requirement> reqs = new ArrayList<>();
      if (selector.getMatchLabels() != null) {
        selector
            .getMatchLabels()
            .forEach((k, v) -> reqs.add(Requirement.of(k, Operator.EQUALS, v)));
      }
      if (selector.getMatchExpressions() != null) {
        for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
          Operator op = operator(r.getOperator());
          if (op == null) {
            return LabelSelector.nothing();
          }
          List<String> values = r.getValues() == null ? List.of() : r.getValues();
          reqs.add(new Requirement(r.getKey(), op, values));
        }
      }
      return LabelSelector.of(reqs);
    } catch (SelectorParseException | NullPointerException e) {
      return LabelSelector.nothing();
    }
  }

  private static Operator operator(String op) {
    return switch (op == null ? "" : op) {
      case "In" -> Operator.IN;
      case "NotIn" -> Operator.NOT_IN;
      case "Exists" -> Operator.EXISTS;
      case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
      default -> null;
    };
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
