package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.api.validation.NameValidation;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;

/**
 * What Kubernetes' StorageObjectInUseProtection admission does on create: claims get the {@link
 * #PVC_PROTECTION} finalizer and volumes {@link #PV_PROTECTION}, so neither disappears while in use
 * (the protection controllers remove them once it is not); plus checks both kinds share.
 */
final class StorageProtection {
  /** Kept on a claim while a pod uses it. */
  static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";

  /** Kept on a volume while a claim is bound to it. */
  static final String PV_PROTECTION = "kubernetes.io/pv-protection";

  private StorageProtection() {}

  /** Adds {@code finalizer} to {@code obj} unless it is there already. */
  static void addFinalizer(ObjectNode obj, String finalizer) {
    ObjectNode meta = Json.object(obj, "metadata");
    JsonNode existing = meta.get("finalizers");
    ArrayNode finalizers = existing instanceof ArrayNode a ? a : meta.putArray("finalizers");
    for (JsonNode f : finalizers) {
      if (finalizer.equals(f.asText())) {
        return;
      }
    }
    finalizers.add(finalizer);
  }

  /** A non-empty {@code spec.storageClassName} must be a DNS subdomain. */
  static void validateClassName(ErrorList errs, JsonNode spec) {
    String name = Json.text(spec, "storageClassName");
    if (!name.isEmpty()) {
      errs.dns1123Subdomain(FieldPath.of("spec").child("storageClassName"), name);
    }
  }

  /** A volume name (a claim's {@code spec.volumeName}) must be a valid path segment. */
  static void validateVolumeName(ErrorList errs, FieldPath p, String name) {
    for (String m : NameValidation.pathSegmentName(name)) {
      errs.invalid(p, name, m);
    }
  }
}
