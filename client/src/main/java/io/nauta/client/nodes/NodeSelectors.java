package io.nauta.client.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * Node selector terms as Kubernetes evaluates them (required node affinity, a volume's node
 * affinity): terms are ORed, a term's requirements ANDed; an empty term matches nothing; {@code
 * matchFields} know only {@code metadata.name}; {@code Gt}/{@code Lt} compare integers.
 */
public final class NodeSelectors {
  private NodeSelectors() {}

  /** Whether {@code node} matches one of {@code terms}; no terms match no node. */
  public static boolean matchesAny(List<NodeSelectorTerm> terms, Node node) {
    for (NodeSelectorTerm t : terms) {
      if (matches(t, node)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code node} meets every requirement of {@code term}. */
  public static boolean matches(NodeSelectorTerm term, Node node) {
    if (term.getMatchExpressions().isEmpty() && term.getMatchFields().isEmpty()) {
      return false;
    }
    Map<String, String> labels = node.getMetadata().getLabels();
    for (NodeSelectorRequirement r : term.getMatchExpressions()) {
      if (!matches(r, labels == null ? null : labels.get(r.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : term.getMatchFields()) {
      String value = "metadata.name".equals(r.getKey()) ? node.getMetadata().getName() : null;
      if (!matches(r, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(NodeSelectorRequirement r, String value) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt", "Lt" -> compare(r.getOperator(), value, values);
      default -> false;
    };
  }

  private static boolean compare(String op, String value, List<String> values) {
    if (value == null || values.size() != 1) {
      return false;
    }
    try {
      long have = Long.parseLong(value);
      long bound = Long.parseLong(values.get(0));
      return op.equals("Gt") ? have > bound : have < bound;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
