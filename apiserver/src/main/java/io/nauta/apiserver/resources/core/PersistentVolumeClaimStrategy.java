package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Lookup;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.selector.LabelSelectors;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.Quantities;
import io.nauta.apiserver.status.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PersistentVolumeClaims: volume mode {@code Filesystem} by default, phase {@code Pending} and the
 * {@code kubernetes.io/pvc-protection} finalizer on create, the default StorageClass's name when
 * the claim names no class ({@link DefaultStorageClass}); access modes and a positive storage
 * request required; the spec is immutable except that {@code volumeName} may be set once and bound
 * claims may grow their storage request.
 */
public final class PersistentVolumeClaimStrategy implements ResourceStrategy {
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Status", "The phase of the claim."),
          TableColumn.string("Volume", "The volume bound to the claim."),
          TableColumn.string("Capacity", "The capacity of the bound volume."),
          TableColumn.string("Access Modes", "The access modes of the bound volume."),
          TableColumn.string("StorageClass", "StorageClass of the pvc"),
          TableColumn.string("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
          TableColumn.AGE,
          TableColumn.wide(
              "VolumeMode", "Whether the claim wants a filesystem or a block device."));

  @Override
  public void prepareForCreate(ObjectNode pvc) {
    Json.defaultText(Json.object(pvc, "spec"), "volumeMode", "Filesystem");
    pvc.putObject("status").put("phase", "Pending");
    StorageProtection.addFinalizer(pvc, StorageProtection.PVC_PROTECTION);
  }

  @Override
  public void admit(ObjectNode pvc, Lookup lookup) {
    DefaultStorageClass.admit(pvc, lookup);
  }

  /**
   * Kubernetes' PersistentVolumeClaimResize admission: a claim may grow only when its class allows
   * volume expansion.
   */
  @Override
  public void admitUpdate(ObjectNode pvc, ObjectNode old, Lookup lookup) {
    Optional<BigDecimal> n =
        Quantities.value(Json.at(pvc, "spec", "resources", "requests", "storage"));
    Optional<BigDecimal> o =
        Quantities.value(Json.at(old, "spec", "resources", "requests", "storage"));
    if (n.isEmpty() || o.isEmpty() || n.get().compareTo(o.get()) <= 0) {
      return;
    }
    String className = Json.text(pvc, "spec", "storageClassName");
    boolean allowed =
        !className.isEmpty()
            && className.equals(Json.text(old, "spec", "storageClassName"))
            && lookup
                .get("storage.k8s.io", "v1", "storageclasses", "", className)
                .map(sc -> sc.path("allowVolumeExpansion").asBoolean(false))
                .orElse(false);
    if (!allowed) {
      throw ApiException.forbidden(
          "",
          "persistentvolumeclaims",
          Meta.name(pvc),
          "only dynamically provisioned pvc can be resized and the storageclass that provisions"
              + " the pvc must support resize");
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode pvc, ObjectNode old) {
    Json.defaultText(Json.object(pvc, "spec"), "volumeMode", "Filesystem");
  }

  @Override
  public List<FieldError> validate(ObjectNode pvc) {
    ErrorList errs = new ErrorList();
    FieldPath sp = FieldPath.of("spec");
    JsonNode spec = pvc.path("spec");
    AccessModes.validate(errs, sp.child("accessModes"), spec, "at least 1 access mode is required");
    JsonNode storage = Json.at(spec, "resources", "requests", "storage");
    FieldPath storagePath = sp.child("resources").key("storage");
    if (storage.isMissingNode() || storage.isNull()) {
      errs.required(storagePath, "");
    } else {
      Optional<BigDecimal> v = Quantities.value(storage);
      if (v.isEmpty()) {
        errs.invalid(storagePath, storage.asText(), Quantities.SYNTAX_MESSAGE);
      } else if (v.get().signum() <= 0) {
        errs.invalid(storagePath, storage.asText(), "must be greater than zero");
      }
    }
    String mode = Json.text(spec, "volumeMode");
    if (!mode.isEmpty()) {
      errs.oneOf(sp.child("volumeMode"), mode, "Block", "Filesystem");
    }
    LabelSelectors.validate(errs, sp.child("selector"), spec.get("selector"));
    StorageProtection.validateClassName(errs, spec);
    String volumeName = Json.text(spec, "volumeName");
    if (!volumeName.isEmpty()) {
      StorageProtection.validateVolumeName(errs, sp.child("volumeName"), volumeName);
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pvc, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(pvc));
    ObjectNode newSpec = ((ObjectNode) pvc.path("spec").deepCopy());
    JsonNode oldSpecNode = old.path("spec");
    ObjectNode oldSpec =
        oldSpecNode.isObject() ? (ObjectNode) oldSpecNode.deepCopy() : Json.newObject();
    if (Json.text(oldSpec, "volumeName").isEmpty()) {
      copy(newSpec, oldSpec, "volumeName");
    }
    if (!Json.has(oldSpec, "storageClassName")) {
      copy(newSpec, oldSpec, "storageClassName");
    }
    JsonNode newStorage = Json.at(newSpec, "resources", "requests", "storage");
    JsonNode oldStorage = Json.at(oldSpec, "resources", "requests", "storage");
    if (Json.text(old, "status", "phase").equals("Bound") && !newStorage.isMissingNode()) {
      ObjectNode requests = Json.objectAt(newSpec, "resources", "requests");
      if (oldStorage.isMissingNode()) {
        requests.remove("storage");
      } else {
        requests.set("storage", oldStorage.deepCopy());
      }
    }
    if (!newSpec.equals(oldSpec)) {
      errs.forbidden(
          FieldPath.of("spec"),
          "spec is immutable after creation except resources.requests and"
              + " volumeAttributesClassName for bound claims");
    }
    Optional<BigDecimal> n = Quantities.value(newStorage);
    Optional<BigDecimal> o = Quantities.value(oldStorage);
    if (n.isPresent() && o.isPresent() && n.get().compareTo(o.get()) < 0) {
      errs.forbidden(
          FieldPath.of("spec").child("resources").child("requests").child("storage"),
          "field can not be less than previous value");
    }
    return errs.toList();
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field).deepCopy());
    } else {
      to.remove(field);
    }
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode pvc, Instant now) {
    JsonNode spec = pvc.path("spec");
    String phase =
        Json.has(pvc, "metadata", "deletionTimestamp")
            ? "Terminating"
            : Json.text(pvc, "status", "phase");
    String volume = Json.text(spec, "volumeName");
    String capacity = "";
    String modes = "";
    if (!volume.isEmpty()) {
      capacity = Json.text(pvc, "status", "capacity", "storage");
      modes = AccessModes.format(Json.strings(pvc, "status", "accessModes"));
    }
    return List.of(
        Printing.name(pvc),
        phase,
        volume,
        capacity,
        modes,
        AccessModes.storageClass(pvc),
        AccessModes.unsetIfAbsent(spec, "volumeAttributesClassName"),
        Printing.age(pvc, now),
        AccessModes.unsetIfAbsent(spec, "volumeMode"));
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode pvc) {
    // "name" is a Kubernetes bug kept for compatibility
    return Map.of("name", Printing.name(pvc));
  }
}
