package io.nauta.apiserver.resources.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.core.PodTemplates;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.selector.LabelSelectors;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Jobs: Kubernetes' defaults; unless {@code manualSelector} is true, the selector and template
 * labels are generated from the Job's uid and name on create ({@code batch.kubernetes.io/
 * controller-uid}, {@code controller-uid}, {@code batch.kubernetes.io/job-name}, {@code job-name});
 * selector, template (unless suspended before starting), completion mode and completions (outside
 * elastic indexed jobs) are immutable.
 */
public final class JobStrategy implements ResourceStrategy {
  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_JOB_NAME = "job-name";
  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Status", "Status of the job."),
          TableColumn.string(
              "Completions", "The number of pods that succeeded, out of the wanted."),
          TableColumn.string("Duration", "Time required to complete the job."),
          TableColumn.AGE,
          Columns.CONTAINERS,
          Columns.IMAGES,
          Columns.SELECTOR);

  @Override
  public void prepareForCreate(ObjectNode job) {
    ObjectNode spec = Json.object(job, "spec");
    JobSpecs.defaults(spec);
    PodTemplates.defaults(Json.object(spec, "template"));
    if (!Json.bool(spec, "manualSelector")) {
      generateSelector(job, spec);
    }
    labelsFromTemplate(job, spec);
    job.putObject("status");
  }

  @Override
  public void prepareForUpdate(ObjectNode job, ObjectNode old) {
    ObjectNode spec = Json.object(job, "spec");
    JobSpecs.defaults(spec);
    PodTemplates.defaults(Json.object(spec, "template"));
    labelsFromTemplate(job, spec);
  }

  /** A Job without labels takes its template's (batch/v1 defaulting). */
  private static void labelsFromTemplate(ObjectNode job, ObjectNode spec) {
    JsonNode templateLabels = Json.at(spec, "template", "metadata", "labels");
    if (templateLabels.isObject()
        && !templateLabels.isEmpty()
        && Json.size(job, "metadata", "labels") == 0) {
      Json.object(job, "metadata").set("labels", templateLabels.deepCopy());
    }
  }

  private static void generateSelector(ObjectNode job, ObjectNode spec) {
    String uid = Json.text(job, "metadata", "uid");
    String name = Json.text(job, "metadata", "name");
    ObjectNode labels = Json.objectAt(spec, "template", "metadata", "labels");
    for (String l : List.of(LEGACY_JOB_NAME, JOB_NAME)) {
      if (!labels.has(l)) {
        labels.put(l, name);
      }
    }
    for (String l : List.of(LEGACY_CONTROLLER_UID, CONTROLLER_UID)) {
      if (!labels.has(l)) {
        labels.put(l, uid);
      }
    }
    ObjectNode matchLabels = Json.objectAt(spec, "selector", "matchLabels");
    if (!matchLabels.has(CONTROLLER_UID)) {
      matchLabels.put(CONTROLLER_UID, uid);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode job) {
    ErrorList errs = new ErrorList();
    JsonNode spec = job.path("spec");
    JobSpecs.validate(errs, SPEC, spec);
    JsonNode selector = spec.get("selector");
    if (selector == null || selector.isNull()) {
      errs.required(SPEC.child("selector"), "");
    } else {
      LabelSelectors.validate(errs, SPEC.child("selector"), selector);
      Map<String, String> labels = Json.stringMap(spec, "template", "metadata", "labels");
      if (!LabelSelectors.matches(selector, labels)) {
        errs.invalid(
            SPEC.child("template").child("metadata").child("labels"),
            LabelSelectors.goMap(labels),
            "`selector` does not match template `labels`");
      }
      if (!Json.bool(spec, "manualSelector")) {
        String uid = Json.text(job, "metadata", "uid");
        if (!uid.equals(Json.text(selector, "matchLabels", CONTROLLER_UID))) {
          errs.invalid(
              SPEC.child("selector"),
              LabelSelectors.toSelectorString(selector),
              "`selector` not auto-generated");
        }
      }
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode job, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(job));
    JsonNode spec = job.path("spec");
    JsonNode oldSpec = old.path("spec");
    immutable(errs, spec, oldSpec, "selector");
    immutable(errs, spec, oldSpec, "completionMode");
    immutable(errs, spec, oldSpec, "podFailurePolicy");
    immutable(errs, spec, oldSpec, "backoffLimitPerIndex");
    immutable(errs, spec, oldSpec, "managedBy");
    immutable(errs, spec, oldSpec, "successPolicy");
    boolean elastic =
        Json.text(spec, "completionMode").equals("Indexed")
            && spec.path("completions").equals(spec.path("parallelism"));
    if (!elastic) {
      immutable(errs, spec, oldSpec, "completions");
    }
    JsonNode template = Json.at(spec, "template");
    JsonNode oldTemplate = Json.at(oldSpec, "template");
    boolean mutableScheduling =
        Json.bool(oldSpec, "suspend") && !Json.has(old, "status", "startTime");
    if (mutableScheduling && template.isObject() && oldTemplate.isObject()) {
      ObjectNode a = ((ObjectNode) template).deepCopy();
      ObjectNode b = ((ObjectNode) oldTemplate).deepCopy();
      for (ObjectNode t : List.of(a, b)) {
        Json.object(t, "metadata").remove(List.of("labels", "annotations"));
        Json.object(t, "spec")
            .remove(List.of("nodeSelector", "tolerations", "affinity", "schedulingGates"));
      }
      if (!a.equals(b)) {
        errs.invalid(SPEC.child("template"), "", "field is immutable");
      }
    } else if (!template.equals(oldTemplate)) {
      errs.invalid(SPEC.child("template"), "", "field is immutable");
    }
    return errs.toList();
  }

  private static void immutable(ErrorList errs, JsonNode spec, JsonNode oldSpec, String field) {
    if (!Json.at(spec, field).equals(Json.at(oldSpec, field))) {
      JsonNode v = Json.at(spec, field);
      errs.invalid(
          SPEC.child(field), v.isValueNode() ? v.asText() : v.toString(), "field is immutable");
    }
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode job, ObjectNode old) {
    ErrorList errs = new ErrorList();
    for (String f : List.of("active", "succeeded", "failed", "ready", "terminating")) {
      errs.nonNegative(FieldPath.of("status").child(f), Json.at(job, "status", f));
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode job, Instant now) {
    JsonNode spec = job.path("spec");
    JsonNode status = job.path("status");
    long succeeded = Json.integer(status, 0, "succeeded");
    String completions;
    if (Json.has(spec, "completions")) {
      completions = succeeded + "/" + Json.integer(spec, 0, "completions");
    } else {
      long parallelism = Json.integer(spec, 0, "parallelism");
      completions = parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }
    JsonNode podSpec = Json.at(spec, "template", "spec");
    return List.of(
        Printing.name(job),
        status(job),
        completions,
        duration(status, now),
        Printing.age(job, now),
        Columns.containerNames(podSpec),
        Columns.containerImages(podSpec),
        LabelSelectors.format(spec.get("selector")));
  }

  static String status(ObjectNode job) {
    JsonNode status = job.path("status");
    if (condition(status, "Complete")) {
      return "Complete";
    } else if (condition(status, "Failed")) {
      return "Failed";
    } else if (Json.has(job, "metadata", "deletionTimestamp")) {
      return "Terminating";
    } else if (condition(status, "Suspended")) {
      return "Suspended";
    } else if (condition(status, "FailureTarget")) {
      return "FailureTarget";
    } else if (condition(status, "SuccessCriteriaMet")) {
      return "SuccessCriteriaMet";
    }
    return "Running";
  }

  private static boolean condition(JsonNode status, String type) {
    for (JsonNode c : Json.objects(status, "conditions")) {
      if (Json.text(c, "type").equals(type)) {
        return Json.text(c, "status").equals("True");
      }
    }
    return false;
  }

  private static String duration(JsonNode status, Instant now) {
    try {
      String start = Json.text(status, "startTime");
      if (start.isEmpty()) {
        return "";
      }
      String end = Json.text(status, "completionTime");
      Instant to = end.isEmpty() ? now : Instant.parse(end);
      return Printing.humanDuration(Duration.between(Instant.parse(start), to));
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode job) {
    return Map.of("status.successful", String.valueOf(Json.integer(job, 0, "status", "succeeded")));
  }
}
