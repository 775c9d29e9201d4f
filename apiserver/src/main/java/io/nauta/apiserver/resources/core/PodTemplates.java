package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.util.Set;

/**
 * Pod templates ({@code PodTemplateSpec}) embedded in workloads: template defaulting and
 * Kubernetes' {@code ValidatePodTemplateSpec} (labels, then the pod spec; no ephemeral containers).
 */
public final class PodTemplates {
  private PodTemplates() {}

  /** Applies pod spec defaults to {@code template.spec}, creating it if absent. */
  public static void defaults(ObjectNode template) {
    PodSpecDefaults.applyToTemplate(Json.object(template, "spec"));
  }

  /** Validates the template at {@code p}, e.g. {@code spec.template}. */
  public static void validate(ErrorList errs, FieldPath p, JsonNode template) {
    validate(errs, p, template, Set.of());
  }

  /** As {@link #validate(ErrorList, FieldPath, JsonNode)}, accepting extra volume mount names. */
  public static void validate(
      ErrorList errs, FieldPath p, JsonNode template, Set<String> extraVolumes) {
    errs.labels(p.child("labels"), Json.stringMap(template, "metadata", "labels"));
    PodSpecValidation.validate(errs, p.child("spec"), Json.at(template, "spec"), extraVolumes);
    if (Json.size(template, "spec", "ephemeralContainers") > 0) {
      errs.forbidden(
          p.child("spec").child("ephemeralContainers"),
          "ephemeral containers not allowed in pod template");
    }
  }
}
