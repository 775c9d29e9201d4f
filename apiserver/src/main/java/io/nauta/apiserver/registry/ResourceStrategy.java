package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What is particular to one kind: defaulting, validation, printing and selectable fields. All
 * objects passed in are in the resource's storage version, complete with metadata; implementations
 * may mutate the object passed to the {@code prepare*} methods and must not mutate anything else.
 * Stateless and thread-safe.
 */
public interface ResourceStrategy {

  /** How {@code metadata.name} is checked. */
  enum NameRule {
    DNS1123_SUBDOMAIN,
    DNS1123_LABEL,
    DNS1035_LABEL,
    /** Any name that is a valid path segment (not ".", "..", no "/" or "%"). */
    PATH_SEGMENT
  }

  default NameRule nameRule() {
    return NameRule.DNS1123_SUBDOMAIN;
  }

  /**
   * Applies defaults (as Kubernetes' defaulting functions do) and clears what a client may not set
   * on create (e.g. status for kinds with a status subresource). Called on create after the generic
   * metadata (uid, creationTimestamp, generation=1) is set.
   */
  default void prepareForCreate(ObjectNode obj) {}

  /**
   * Records who creates the object, for kinds that keep it (a CertificateSigningRequest's
   * requester), from the request's credentials and over whatever the body claims. Called with the
   * decoded body before the create; nothing by default.
   */
  default void recordRequester(ObjectNode obj, io.nauta.apiserver.auth.UserInfo user) {}

  /**
   * Admission on create, after {@link #prepareForCreate}: what needs other objects, such as a pod's
   * priority from the PriorityClass it names.
   *
   * @throws io.nauta.apiserver.status.ApiException to refuse the object (e.g. 403 Forbidden)
   */
  default void admit(ObjectNode obj, Lookup lookup) {}

  /**
   * Admission on update of the main resource, after validation: e.g. whether a claim's class allows
   * it to grow.
   *
   * @throws io.nauta.apiserver.status.ApiException to refuse the change
   */
  default void admitUpdate(ObjectNode obj, ObjectNode old, Lookup lookup) {}

  /**
   * Applies defaults on update. The generic registry has already copied {@code status} from {@code
   * old} when the kind has a status subresource and bumped generation if the spec changed.
   */
  default void prepareForUpdate(ObjectNode obj, ObjectNode old) {}

  /**
   * Validates the kind-specific fields (not metadata, which the registry validates). Field paths
   * are full, e.g. {@code spec.containers[0].name}.
   */
  default List<FieldError> validate(ObjectNode obj) {
    return List.of();
  }

  /**
   * Validates an update; by default {@link #validate} plus nothing else (immutability checks here).
   */
  default List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return validate(obj);
  }

  /** Validates a write to the status subresource; empty by default. */
  default List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    return List.of();
  }

  /**
   * The grace period for a delete without an explicit {@code gracePeriodSeconds}; 0 deletes at
   * once. Pods answer their {@code terminationGracePeriodSeconds} (default 30) while bound to a
   * node.
   */
  default long defaultGracePeriodSeconds(ObjectNode obj) {
    return 0;
  }

  /**
   * The {@code kubectl get} columns, including Name and Age where Kubernetes prints them; wide-only
   * columns have priority 1.
   */
  default List<TableColumn> columns() {
    return List.of(TableColumn.NAME, TableColumn.AGE);
  }

  /** One cell per {@link #columns()} entry: String, Long/Integer, Boolean or null. */
  default List<Object> cells(ObjectNode obj, Instant now) {
    return List.of(Printing.name(obj), Printing.age(obj, now));
  }

  /**
   * Field-selector values beyond {@code metadata.name} and {@code metadata.namespace}, e.g. {@code
   * spec.nodeName} for pods. Keys absent here are rejected as unsupported field labels.
   */
  default Map<String, String> selectableFields(ObjectNode obj) {
    return Map.of();
  }
}
