package io.nauta.client.labels;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.nauta.api.labels.LabelSelector;
import io.nauta.api.labels.Requirement;
import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Label selectors of object specs (fabric8's {@code metav1.LabelSelector} model) turned into the
 * API module's {@link LabelSelector}, which the API server's list filtering also uses, so
 * components select exactly as the server does. Stateless.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

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
}
