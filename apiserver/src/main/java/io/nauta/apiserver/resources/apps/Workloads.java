package io.nauta.apiserver.resources.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.selector.LabelSelectors;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.util.Map;

/** Checks every apps/v1 workload shares: selector, template labels, restart policy, status. */
final class Workloads {
  static final FieldPath SPEC = FieldPath.of("spec");

  private Workloads() {}

  /**
   * {@code spec.selector} must be present and non-empty ("empty selector is invalid for {@code
   * what}") and valid.
   */
  static void requireSelector(ErrorList errs, JsonNode spec, String what) {
    JsonNode selector = spec.get("selector");
    if (selector == null || selector.isNull()) {
      errs.required(SPEC.child("selector"), "");
      return;
    }
    LabelSelectors.validate(errs, SPEC.child("selector"), selector);
    if (LabelSelectors.isEmpty(selector)) {
      errs.invalid(
          SPEC.child("selector"), selector.toString(), "empty selector is invalid for " + what);
    }
  }

  /** The template's labels must satisfy a non-empty selector. */
  static void selectorMatchesTemplate(ErrorList errs, JsonNode spec) {
    JsonNode selector = spec.get("selector");
    if (selector == null || selector.isNull() || LabelSelectors.isEmpty(selector)) {
      return;
    }
    Map<String, String> labels = Json.stringMap(spec, "template", "metadata", "labels");
    if (!LabelSelectors.matches(selector, labels)) {
      errs.invalid(
          SPEC.child("template").child("metadata").child("labels"),
          LabelSelectors.goMap(labels),
          "`selector` does not match template `labels`");
    }
  }

  /** Workload pods must restart always. */
  static void restartAlways(ErrorList errs, JsonNode spec) {
    String policy = Json.text(spec, "template", "spec", "restartPolicy");
    if (!policy.equals("Always")) {
      errs.notSupported(
          SPEC.child("template").child("spec").child("restartPolicy"), policy, "Always");
    }
  }

  /** {@code spec.selector} may not change (apps/v1). */
  static void selectorImmutable(ErrorList errs, ObjectNode obj, ObjectNode old) {
    JsonNode selector = Json.at(obj, "spec", "selector");
    if (!selector.equals(Json.at(old, "spec", "selector"))) {
      errs.invalid(
          SPEC.child("selector"), LabelSelectors.toSelectorString(selector), "field is immutable");
    }
  }

  /** Non-negative integers in {@code spec}. */
  static void nonNegative(ErrorList errs, JsonNode spec, String... fields) {
    for (String f : fields) {
      errs.nonNegative(SPEC.child(f), spec.get(f));
    }
  }

  /**
   * Status counters: each non-negative, and {@code field} not above {@code status.replicas} for
   * each of {@code boundedByReplicas}.
   */
  static void status(
      ErrorList errs, ObjectNode obj, String[] counters, String... boundedByReplicas) {
    FieldPath sp = FieldPath.of("status");
    JsonNode status = obj.path("status");
    for (String c : counters) {
      errs.nonNegative(sp.child(c), status.get(c));
    }
    long replicas = Json.integer(status, 0, "replicas");
    for (String c : boundedByReplicas) {
      long v = Json.integer(status, 0, c);
      if (v > replicas) {
        errs.invalid(sp.child(c), v, "cannot be greater than status.replicas");
      }
    }
  }

  /** The controller-managed counters of the Deployment and ReplicaSet status. */
  static final String[] REPLICA_COUNTERS = {
    "replicas",
    "updatedReplicas",
    "readyReplicas",
    "availableReplicas",
    "fullyLabeledReplicas",
    "unavailableReplicas",
    "observedGeneration"
  };
}
