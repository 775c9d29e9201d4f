package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.Quantities;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * PersistentVolumes (cluster-scoped): reclaim policy {@code Retain} and volume mode {@code
 * Filesystem} by default, phase {@code Pending} and the {@code kubernetes.io/pv-protection}
 * finalizer on create; exactly one volume source, access modes and a storage capacity required; the
 * source and volume mode never change.
 */
public final class PersistentVolumeStrategy implements ResourceStrategy {
  static final List<String> SOURCES =
      List.of(
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "hostPath",
          "glusterfs",
          "nfs",
          "rbd",
          "iscsi",
          "cinder",
          "cephfs",
          "fc",
          "flocker",
          "flexVolume",
          "azureFile",
          "vsphereVolume",
          "quobyte",
          "azureDisk",
          "photonPersistentDisk",
          "portworxVolume",
          "scaleIO",
          "local",
          "storageos",
          "csi");
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Capacity", "The storage capacity of the volume."),
          TableColumn.string("Access Modes", "The ways the volume can be mounted."),
          TableColumn.string("Reclaim Policy", "What happens to the volume when released."),
          TableColumn.string("Status", "The phase of the volume."),
          TableColumn.string("Claim", "The claim bound to the volume."),
          TableColumn.string("StorageClass", "StorageClass of the pv"),
          TableColumn.string("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
          TableColumn.string("Reason", "Why the volume is in its phase."),
          TableColumn.AGE,
          TableColumn.wide("VolumeMode", "Whether the volume is a filesystem or a block device."));

  @Override
  public void prepareForCreate(ObjectNode pv) {
    defaults(pv);
    StorageProtection.addFinalizer(pv, StorageProtection.PV_PROTECTION);
    ObjectNode status = pv.putObject("status");
    status.put("phase", "Pending");
    String created = Json.text(pv, "metadata", "creationTimestamp");
    if (!created.isEmpty()) {
      status.put("lastPhaseTransitionTime", created);
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode pv, ObjectNode old) {
    defaults(pv);
  }

  private static void defaults(ObjectNode pv) {
    ObjectNode spec = Json.object(pv, "spec");
    Json.defaultText(spec, "persistentVolumeReclaimPolicy", "Retain");
    Json.defaultText(spec, "volumeMode", "Filesystem");
  }

  @Override
  public List<FieldError> validate(ObjectNode pv) {
    ErrorList errs = new ErrorList();
    FieldPath sp = FieldPath.of("spec");
    JsonNode spec = pv.path("spec");
    AccessModes.validate(errs, sp.child("accessModes"), spec, "");
    JsonNode capacity = spec.path("capacity");
    if (capacity.isEmpty()) {
      errs.required(sp.child("capacity"), "");
    } else if (!capacity.has("storage") || capacity.size() > 1) {
      errs.notSupported(sp.child("capacity"), capacity.toString(), "storage");
    }
    if (capacity.has("storage")) {
      Quantities.check(errs, sp.child("capacity").key("storage"), capacity.get("storage"));
    }
    errs.oneOf(
        sp.child("persistentVolumeReclaimPolicy"),
        Json.text(spec, "persistentVolumeReclaimPolicy"),
        "Delete",
        "Recycle",
        "Retain");
    errs.oneOf(sp.child("volumeMode"), Json.text(spec, "volumeMode"), "Block", "Filesystem");
    StorageProtection.validateClassName(errs, spec);
    JsonNode claimRef = spec.path("claimRef");
    if (claimRef.isObject() && Json.text(claimRef, "name").isEmpty()) {
      errs.required(sp.child("claimRef").child("name"), "");
    }
    List<String> sources = SOURCES.stream().filter(s -> Json.has(spec, s)).toList();
    if (sources.isEmpty()) {
      errs.required(sp, "must specify a volume type");
    }
    for (int i = 1; i < sources.size(); i++) {
      errs.forbidden(sp.child(sources.get(i)), "may not specify more than 1 volume type");
    }
    if (spec.path("hostPath").isObject() && Json.text(spec, "hostPath", "path").isEmpty()) {
      errs.required(sp.child("hostPath").child("path"), "");
    }
    if (spec.path("local").isObject()) {
      if (Json.text(spec, "local", "path").isEmpty()) {
        errs.required(sp.child("local").child("path"), "");
      }
      if (!Json.has(spec, "nodeAffinity")) {
        errs.required(sp.child("nodeAffinity"), "Local volume requires node affinity");
      }
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pv, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(pv));
    for (String s : SOURCES) {
      if (!Json.at(pv, "spec", s).equals(Json.at(old, "spec", s))) {
        errs.forbidden(
            FieldPath.of("spec").child("persistentvolumesource"),
            "spec.persistentvolumesource is immutable after creation");
        break;
      }
    }
    String mode = Json.text(pv, "spec", "volumeMode");
    if (!mode.equals(Json.text(old, "spec", "volumeMode"))) {
      errs.invalid(FieldPath.of("spec").child("volumeMode"), mode, "field is immutable");
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode pv, Instant now) {
    JsonNode spec = pv.path("spec");
    String claim = "";
    if (spec.path("claimRef").isObject()) {
      claim = Json.text(spec, "claimRef", "namespace") + "/" + Json.text(spec, "claimRef", "name");
    }
    String phase =
        Json.has(pv, "metadata", "deletionTimestamp")
            ? "Terminating"
            : Json.text(pv, "status", "phase");
    return List.of(
        Printing.name(pv),
        Json.text(spec, "capacity", "storage"),
        AccessModes.format(Json.strings(spec, "accessModes")),
        Json.text(spec, "persistentVolumeReclaimPolicy"),
        phase,
        claim,
        AccessModes.storageClass(pv),
        AccessModes.unsetIfAbsent(spec, "volumeAttributesClassName"),
        Json.text(pv, "status", "reason"),
        Printing.age(pv, now),
        AccessModes.unsetIfAbsent(spec, "volumeMode"));
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode pv) {
    // "name" is a Kubernetes bug kept for compatibility
    return Map.of("name", Printing.name(pv));
  }
}
