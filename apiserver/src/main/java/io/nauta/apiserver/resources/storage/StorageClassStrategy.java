package io.nauta.apiserver.resources.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * StorageClasses (cluster-scoped): reclaim policy {@code Delete} and binding mode {@code Immediate}
 * by default; a provisioner required; provisioner, parameters, reclaim policy and binding mode
 * immutable. The default class is the one annotated {@link #IS_DEFAULT_CLASS}, printed with "
 * (default)" after its name.
 */
public final class StorageClassStrategy implements ResourceStrategy {
  /** The annotation marking the default class (value {@code "true"}). */
  public static final String IS_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

  /** The older form of {@link #IS_DEFAULT_CLASS}, still honoured. */
  public static final String BETA_IS_DEFAULT_CLASS =
      "storageclass.beta.kubernetes.io/is-default-class";

  /** Kubernetes' limit on the number of parameters. */
  static final int MAX_PARAMETERS = 512;

  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Provisioner", "Indicates the type of the provisioner."),
          TableColumn.string(
              "ReclaimPolicy", "Indicates the type of the reclaim policy for the volume."),
          TableColumn.string(
              "VolumeBindingMode", "Indicates when volume binding and dynamic provisioning occur."),
          Columns.bool(
              "AllowVolumeExpansion", "Indicates whether the storage class allows expansion."),
          TableColumn.AGE);

  /** The storage.k8s.io/v1 storageclasses resource. */
  public static ResourceType resourceType() {
    return ResourceType.builder("storage.k8s.io", "v1", "StorageClass", "storageclasses")
        .clusterScoped()
        .shortNames("sc")
        .strategy(new StorageClassStrategy())
        .build();
  }

  /** Whether {@code sc} is annotated as a default class. */
  public static boolean isDefault(JsonNode sc) {
    JsonNode annotations = Json.at(sc, "metadata", "annotations");
    return "true".equals(Json.text(annotations, IS_DEFAULT_CLASS))
        || "true".equals(Json.text(annotations, BETA_IS_DEFAULT_CLASS));
  }

  @Override
  public void prepareForCreate(ObjectNode sc) {
    defaults(sc);
  }

  @Override
  public void prepareForUpdate(ObjectNode sc, ObjectNode old) {
    defaults(sc);
  }

  private static void defaults(ObjectNode sc) {
    Json.defaultText(sc, "reclaimPolicy", "Delete");
    Json.defaultText(sc, "volumeBindingMode", "Immediate");
  }

  @Override
  public List<FieldError> validate(ObjectNode sc) {
    ErrorList errs = new ErrorList();
    String provisioner = Json.text(sc, "provisioner");
    if (provisioner.isEmpty()) {
      errs.required(FieldPath.of("provisioner"), "");
    } else {
      errs.qualifiedName(FieldPath.of("provisioner"), provisioner.toLowerCase(Locale.ROOT));
    }
    JsonNode parameters = sc.path("parameters");
    if (parameters.size() > MAX_PARAMETERS) {
      errs.invalid(
          FieldPath.of("parameters"),
          parameters.size(),
          "must have at most " + MAX_PARAMETERS + " parameters");
    }
    parameters
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (k.isEmpty()) {
                errs.invalid(FieldPath.of("parameters"), k, "field can not be empty.");
              }
            });
    errs.oneOf(FieldPath.of("reclaimPolicy"), Json.text(sc, "reclaimPolicy"), "Delete", "Retain");
    errs.oneOf(
        FieldPath.of("volumeBindingMode"),
        Json.text(sc, "volumeBindingMode"),
        "Immediate",
        "WaitForFirstConsumer");
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode sc, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(sc));
    if (!Json.text(sc, "provisioner").equals(Json.text(old, "provisioner"))) {
      errs.forbidden(FieldPath.of("provisioner"), "updates to provisioner are forbidden.");
    }
    if (!parameters(sc).equals(parameters(old))) {
      errs.forbidden(FieldPath.of("parameters"), "updates to parameters are forbidden.");
    }
    if (!Json.text(sc, "reclaimPolicy").equals(Json.text(old, "reclaimPolicy"))) {
      errs.forbidden(FieldPath.of("reclaimPolicy"), "updates to reclaimPolicy are forbidden.");
    }
    String mode = Json.text(sc, "volumeBindingMode");
    if (!mode.equals(Json.text(old, "volumeBindingMode"))) {
      errs.invalid(FieldPath.of("volumeBindingMode"), mode, "field is immutable");
    }
    return errs.toList();
  }

  private static Map<String, String> parameters(ObjectNode sc) {
    return Json.stringMap(sc, "parameters");
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode sc, Instant now) {
    String name = Printing.name(sc);
    return List.of(
        isDefault(sc) ? name + " (default)" : name,
        Json.text(sc, "provisioner"),
        Json.text(sc, "reclaimPolicy"),
        Json.text(sc, "volumeBindingMode"),
        Json.bool(sc, "allowVolumeExpansion"),
        Printing.age(sc, now));
  }
}
