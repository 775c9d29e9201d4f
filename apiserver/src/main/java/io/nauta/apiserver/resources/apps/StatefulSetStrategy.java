package io.nauta.apiserver.resources.apps;

import static io.nauta.apiserver.resources.apps.Workloads.SPEC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.core.PodTemplates;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * StatefulSets: OrderedReady pod management, RollingUpdate with partition 0, 10 revisions and a
 * Retain/Retain claim retention policy by default; claim templates get PVC defaults; only replicas,
 * ordinals, template, update strategy, revision limit, retention policy and minReadySeconds change.
 */
public final class StatefulSetStrategy implements ResourceStrategy {
  private static final List<String> MUTABLE =
      List.of(
          "replicas",
          "template",
          "updateStrategy",
          "minReadySeconds",
          "ordinals",
          "revisionHistoryLimit",
          "persistentVolumeClaimRetentionPolicy");
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Ready", "Number of the pod with ready state"),
          TableColumn.AGE,
          Columns.CONTAINERS,
          Columns.IMAGES);

  @Override
  public void prepareForCreate(ObjectNode sts) {
    defaults(sts);
    ObjectNode status = sts.putObject("status");
    status.put("replicas", 0);
    status.put("availableReplicas", 0);
  }

  @Override
  public void prepareForUpdate(ObjectNode sts, ObjectNode old) {
    defaults(sts);
  }

  private static void defaults(ObjectNode sts) {
    ObjectNode spec = Json.object(sts, "spec");
    Json.defaultText(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = Json.object(spec, "updateStrategy");
    Json.defaultText(strategy, "type", "RollingUpdate");
    if (Json.text(strategy, "type").equals("RollingUpdate")) {
      Json.defaultInt(Json.object(strategy, "rollingUpdate"), "partition", 0);
    }
    Json.defaultInt(spec, "replicas", 1);
    Json.defaultInt(spec, "revisionHistoryLimit", 10);
    ObjectNode retention = Json.object(spec, "persistentVolumeClaimRetentionPolicy");
    Json.defaultText(retention, "whenDeleted", "Retain");
    Json.defaultText(retention, "whenScaled", "Retain");
    for (ObjectNode claim : Json.objects(spec, "volumeClaimTemplates")) {
      Json.defaultText(Json.object(claim, "spec"), "volumeMode", "Filesystem");
      Json.defaultText(Json.object(claim, "status"), "phase", "Pending");
    }
    PodTemplates.defaults(Json.object(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode sts) {
    ErrorList errs = new ErrorList();
    JsonNode spec = sts.path("spec");
    Workloads.nonNegative(errs, spec, "replicas", "minReadySeconds", "revisionHistoryLimit");
    String pmp = Json.text(spec, "podManagementPolicy");
    if (!pmp.equals("OrderedReady") && !pmp.equals("Parallel")) {
      errs.invalid(SPEC.child("podManagementPolicy"), pmp, "must be 'OrderedReady' or 'Parallel'");
    }
    updateStrategy(errs, SPEC.child("updateStrategy"), spec.path("updateStrategy"));
    JsonNode retention = spec.path("persistentVolumeClaimRetentionPolicy");
    for (String f : List.of("whenDeleted", "whenScaled")) {
      String v = Json.text(retention, f);
      errs.oneOf(
          SPEC.child("persistentVolumeClaimRetentionPolicy").child(f), v, "Retain", "Delete");
    }
    errs.nonNegative(SPEC.child("ordinals").child("start"), Json.at(spec, "ordinals", "start"));
    Workloads.requireSelector(errs, spec, "statefulset");
    Workloads.selectorMatchesTemplate(errs, spec);
    Set<String> claims = new HashSet<>();
    Json.objects(spec, "volumeClaimTemplates")
        .forEach(c -> claims.add(Json.text(c, "metadata", "name")));
    PodTemplates.validate(errs, SPEC.child("template"), Json.at(spec, "template"), claims);
    Workloads.restartAlways(errs, spec);
    if (Json.has(spec, "template", "spec", "activeDeadlineSeconds")) {
      errs.forbidden(
          SPEC.child("template").child("spec").child("activeDeadlineSeconds"),
          "activeDeadlineSeconds in StatefulSet is not Supported");
    }
    return errs.toList();
  }

  private static void updateStrategy(ErrorList errs, FieldPath p, JsonNode strategy) {
    String type = Json.text(strategy, "type");
    switch (type) {
      case "" -> errs.required(p, "");
      case "OnDelete" -> {
        if (Json.has(strategy, "rollingUpdate")) {
          errs.invalid(
              p.child("rollingUpdate"),
              strategy.get("rollingUpdate").toString(),
              "only allowed for updateStrategy 'RollingUpdate'");
        }
      }
      case "RollingUpdate" -> {
        FieldPath rp = p.child("rollingUpdate");
        errs.nonNegative(rp.child("partition"), Json.at(strategy, "rollingUpdate", "partition"));
      }
      default -> errs.invalid(p, strategy.toString(), "must be 'RollingUpdate' or 'OnDelete'");
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode sts, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(sts));
    ObjectNode spec =
        sts.path("spec").isObject() ? ((ObjectNode) sts.get("spec")).deepCopy() : Json.newObject();
    ObjectNode oldSpec =
        old.path("spec").isObject() ? ((ObjectNode) old.get("spec")).deepCopy() : Json.newObject();
    for (String f : MUTABLE) {
      spec.remove(f);
      oldSpec.remove(f);
    }
    if (!spec.equals(oldSpec)) {
      errs.forbidden(
          SPEC,
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template',"
              + " 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'"
              + " and 'minReadySeconds' are forbidden");
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode sts, ObjectNode old) {
    ErrorList errs = new ErrorList();
    Workloads.status(
        errs,
        sts,
        new String[] {
          "replicas",
          "readyReplicas",
          "currentReplicas",
          "updatedReplicas",
          "availableReplicas",
          "observedGeneration"
        },
        "readyReplicas",
        "currentReplicas",
        "updatedReplicas",
        "availableReplicas");
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode sts, Instant now) {
    JsonNode spec = sts.path("spec");
    JsonNode podSpec = Json.at(spec, "template", "spec");
    return List.of(
        Printing.name(sts),
        Json.integer(sts, 0, "status", "readyReplicas") + "/" + Json.integer(spec, 0, "replicas"),
        Printing.age(sts, now),
        Columns.containerNames(podSpec),
        Columns.containerImages(podSpec));
  }
}
