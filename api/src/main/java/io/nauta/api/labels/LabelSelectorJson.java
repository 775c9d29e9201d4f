package io.nauta.api.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.json.JsonNodes;
import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.api.validation.FieldReader;
import io.nauta.api.validation.NameValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the object form of a label selector ({@code metav1.LabelSelector}): validation with
 * Kubernetes' wording, and conversion to a {@link LabelSelector} that refuses anything validation
 * would reject.
 */
final class LabelSelectorJson {
  private static final String MATCH_LABELS = "matchLabels";
  private static final String MATCH_EXPRESSIONS = "matchExpressions";

  private LabelSelectorJson() {}

  static LabelSelector fromJson(JsonNode node) {
    if (JsonNodes.isAbsent(node)) {
      return LabelSelector.nothing();
    }
    List<FieldError> errs = validate(node, FieldPath.ROOT);
    if (!errs.isEmpty()) {
      throw new SelectorParseException(node.toString(), FieldError.summarize(errs));
    }
    List<Requirement> reqs = new ArrayList<>();
    FieldReader reader = new FieldReader(new ArrayList<>());
    for (Map.Entry<String, String> e :
        reader.stringMap(node, MATCH_LABELS, FieldPath.ROOT).entrySet()) {
      reqs.add(Requirement.of(e.getKey(), Operator.EQUALS, e.getValue()));
    }
    JsonNode exprs = JsonNodes.field(node, MATCH_EXPRESSIONS);
    if (exprs != null) {
      for (JsonNode expr : exprs) {
        String key = reader.stringOrEmpty(expr, "key", FieldPath.ROOT);
        Operator op =
            operator(reader.stringOrEmpty(expr, "operator", FieldPath.ROOT)).orElseThrow();
        reqs.add(new Requirement(key, op, reader.stringList(expr, "values", FieldPath.ROOT)));
      }
    }
    return LabelSelector.of(reqs);
  }

  static List<FieldError> validate(JsonNode node, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    FieldReader reader = new FieldReader(errs);
    if (reader.ofType(node, "object", path).isEmpty()) {
      return errs;
    }
    FieldPath labelsPath = path.child(MATCH_LABELS);
    reader
        .stringMap(node, MATCH_LABELS, labelsPath)
        .forEach(
            (k, v) -> {
              invalidEach(errs, labelsPath, k, NameValidation.qualifiedName(k));
              invalidEach(errs, labelsPath, v, NameValidation.labelValue(v));
            });
    Optional<JsonNode> exprs = reader.array(node, MATCH_EXPRESSIONS, path.child(MATCH_EXPRESSIONS));
    if (exprs.isPresent()) {
      for (int i = 0; i < exprs.get().size(); i++) {
        FieldPath at = path.child(MATCH_EXPRESSIONS).index(i);
        JsonNode expr = exprs.get().get(i);
        // A null element decodes as an empty requirement, which then fails on key and operator.
        if (JsonNodes.isAbsent(expr) || reader.ofType(expr, "object", at).isPresent()) {
          validateExpression(reader, expr, at);
        }
      }
    }
    return errs;
  }

  private static void validateExpression(FieldReader reader, JsonNode expr, FieldPath at) {
    List<FieldError> errs = reader.errors();
    String key = reader.stringOrEmpty(expr, "key", at.child("key"));
    Optional<String> opName = reader.string(expr, "operator", at.child("operator"));
    FieldPath valuesPath = at.child("values");
    List<String> values = reader.stringList(expr, "values", valuesPath);
    Optional<Operator> op = operator(opName.orElse(""));
    if (op.isEmpty()) {
      errs.add(
          FieldError.invalid(
              at.child("operator").toString(), opName.orElse(""), "not a valid selector operator"));
    } else if ((op.get() == Operator.IN || op.get() == Operator.NOT_IN) && values.isEmpty()) {
      errs.add(
          FieldError.required(
              valuesPath.toString(), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if ((op.get() == Operator.EXISTS || op.get() == Operator.DOES_NOT_EXIST)
        && !values.isEmpty()) {
      errs.add(
          FieldError.forbidden(
              valuesPath.toString(),
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
    invalidEach(errs, at.child("key"), key, NameValidation.qualifiedName(key));
    for (int j = 0; j < values.size(); j++) {
      invalidEach(
          errs, valuesPath.index(j), values.get(j), NameValidation.labelValue(values.get(j)));
    }
  }

  /** The operator for a {@code LabelSelectorOperator} name; empty for anything else. */
  private static Optional<Operator> operator(String name) {
    return Optional.ofNullable(
        switch (name) {
          case "In" -> Operator.IN;
          case "NotIn" -> Operator.NOT_IN;
          case "Exists" -> Operator.EXISTS;
          case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
          default -> null;
        });
  }

  private static void invalidEach(
      List<FieldError> errs, FieldPath path, String value, List<String> msgs) {
    for (String msg : msgs) {
      errs.add(FieldError.invalid(path.toString(), value, msg));
    }
  }
}
