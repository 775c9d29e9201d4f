package io.nauta.apiserver.resources.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.core.PodTemplates;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;

/**
 * Job specs wherever they appear (Jobs and CronJob job templates): Kubernetes' {@code
 * SetDefaults_Job} and the checks of {@code validateJobSpec}.
 */
final class JobSpecs {
  private JobSpecs() {}

  /** Defaults of a Job's spec (not applied to CronJob templates, as in Kubernetes). */
  static void defaults(ObjectNode spec) {
    if (!Json.has(spec, "completions") && !Json.has(spec, "parallelism")) {
      spec.put("completions", 1);
      spec.put("parallelism", 1);
    }
    Json.defaultInt(spec, "parallelism", 1);
    Json.defaultInt(
        spec, "backoffLimit", Json.has(spec, "backoffLimitPerIndex") ? Integer.MAX_VALUE : 6);
    Json.defaultText(spec, "completionMode", "NonIndexed");
    Json.defaultBool(spec, "suspend", false);
    Json.defaultText(
        spec,
        "podReplacementPolicy",
        Json.has(spec, "podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
  }

  /** Checks a job spec at {@code p} ({@code spec} or {@code spec.jobTemplate.spec}). */
  static void validate(ErrorList errs, FieldPath p, JsonNode spec) {
    for (String f :
        new String[] {
          "parallelism",
          "completions",
          "activeDeadlineSeconds",
          "backoffLimit",
          "ttlSecondsAfterFinished",
          "backoffLimitPerIndex",
          "maxFailedIndexes"
        }) {
      errs.nonNegative(p.child(f), spec.get(f));
    }
    String mode = Json.text(spec, "completionMode");
    if (Json.has(spec, "completionMode")) {
      errs.oneOf(p.child("completionMode"), mode, "NonIndexed", "Indexed");
      if (mode.equals("Indexed")) {
        if (!Json.has(spec, "completions")) {
          errs.required(p.child("completions"), "when completion mode is Indexed");
        }
        long parallelism = Json.integer(spec, 0, "parallelism");
        if (parallelism > 100000) {
          errs.invalid(
              p.child("parallelism"),
              parallelism,
              "must be less than or equal to 100000 when completion mode is Indexed");
        }
      }
    }
    String replacement = Json.text(spec, "podReplacementPolicy");
    if (Json.has(spec, "podReplacementPolicy")) {
      errs.oneOf(p.child("podReplacementPolicy"), replacement, "TerminatingOrFailed", "Failed");
    }
    FieldPath template = p.child("template");
    PodTemplates.validate(errs, template, Json.at(spec, "template"));
    String restart = Json.text(spec, "template", "spec", "restartPolicy");
    FieldPath restartPath = template.child("spec").child("restartPolicy");
    if (restart.isEmpty() || restart.equals("Always")) {
      errs.required(restartPath, "valid values: \"OnFailure\", \"Never\"");
    } else if (!restart.equals("OnFailure") && !restart.equals("Never")) {
      errs.notSupported(restartPath, restart, "OnFailure", "Never");
    } else if (Json.has(spec, "podFailurePolicy") && !restart.equals("Never")) {
      errs.invalid(
          restartPath, restart, "only \"Never\" is supported when podFailurePolicy is specified");
    }
  }
}
