package io.nauta.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.json.JsonNodes;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates an object's {@code metadata} (a Jackson tree) the way Kubernetes' {@code
 * ValidateObjectMeta} and {@code ValidateObjectMetaUpdate} do, returning every problem as a {@link
 * FieldError} with its full path ({@code metadata.name}, {@code metadata.labels}, {@code
 * metadata.ownerReferences[0].uid}, ...).
 *
 * <p>What the registry does before validating in Kubernetes stays the caller's job: generating a
 * name from {@code generateName} (so a missing name is accepted when {@code generateName} is set),
 * clearing the namespace of cluster-scoped objects, and on update copying the stored {@code uid},
 * {@code creationTimestamp}, {@code deletionTimestamp} and (for unconditional updates) {@code
 * resourceVersion} into the new object.
 *
 * <p>All methods are pure, thread-safe and never throw on any input tree.
 */
public final class ObjectMetaValidation {
  static final FieldPath METADATA = FieldPath.of("metadata");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private ObjectMetaValidation() {}

  /** {@link #validate(JsonNode, boolean, Function, FieldPath)} at the path {@code metadata}. */
  public static List<FieldError> validate(
      JsonNode metadata, boolean namespaced, Function<String, List<String>> nameValidator) {
    return validate(metadata, namespaced, nameValidator, METADATA);
  }

  /**
   * Validates the metadata of an object being created.
   *
   * @param metadata the {@code metadata} object; absent reads as empty (so the name is missing)
   * @param namespaced whether the resource is namespaced (namespace required and a DNS-1123 label)
   *     or cluster-scoped (namespace forbidden)
   * @param nameValidator the resource's name rule, e.g. {@link NameValidation#dns1123Subdomain};
   *     {@code generateName} is checked with it after {@link NameValidation#maskTrailingDash}
   * @param path where the metadata sits, e.g. {@code spec.template.metadata} for templates
   */
  public static List<FieldError> validate(
      JsonNode metadata,
      boolean namespaced,
      Function<String, List<String>> nameValidator,
      FieldPath path) {
    Objects.requireNonNull(nameValidator, "nameValidator");
    List<FieldError> errs = new ArrayList<>();
    FieldReader r = new FieldReader(errs);
    if (!JsonNodes.isAbsent(metadata) && r.ofType(metadata, "object", path).isEmpty()) {
      return errs;
    }
    String generateName = r.stringOrEmpty(metadata, "generateName", path.child("generateName"));
    if (!generateName.isEmpty()) {
      String masked = NameValidation.maskTrailingDash(generateName);
      invalidEach(errs, path.child("generateName"), generateName, nameValidator.apply(masked));
    }
    JsonNode nameNode = JsonNodes.field(metadata, "name");
    String name = r.stringOrEmpty(metadata, "name", path.child("name"));
    if (name.isEmpty()) {
      if (generateName.isEmpty() && (nameNode == null || nameNode.isTextual())) {
        errs.add(
            FieldError.required(path.child("name").toString(), "name or generateName is required"));
      }
    } else {
      invalidEach(errs, path.child("name"), name, nameValidator.apply(name));
    }
    String namespace = r.stringOrEmpty(metadata, "namespace", path.child("namespace"));
    if (namespaced) {
      if (namespace.isEmpty()) {
        if (JsonNodes.field(metadata, "namespace") == null
            || JsonNodes.field(metadata, "namespace").isTextual()) {
          errs.add(FieldError.required(path.child("namespace").toString(), ""));
        }
      } else {
        invalidEach(
            errs, path.child("namespace"), namespace, NameValidation.dns1123Label(namespace));
      }
    } else if (!namespace.isEmpty()) {
      errs.add(
          FieldError.forbidden(path.child("namespace").toString(), "not allowed on this type"));
    }
    validateCommon(metadata, path, r);
    MetadataListValidation.finalizers(
        r.stringList(metadata, "finalizers", path.child("finalizers")),
        path.child("finalizers"),
        errs);
    return errs;
  }

  /** {@link #validateUpdate(JsonNode, JsonNode, FieldPath)} at the path {@code metadata}. */
  public static List<FieldError> validateUpdate(JsonNode newMeta, JsonNode oldMeta) {
    return validateUpdate(newMeta, oldMeta, METADATA);
  }

  /**
   * Validates the metadata of an update: {@code resourceVersion} must be given, {@code generation}
   * may not go down (when given), {@code name}, {@code namespace}, {@code uid}, {@code
   * creationTimestamp}, {@code deletionTimestamp} and {@code deletionGracePeriodSeconds} may not
   * change ("field is immutable"), no finalizer may be added once the object is being deleted, and
   * labels, annotations, finalizers, owner references and managed fields must be valid.
   *
   * @param newMeta the metadata sent by the client
   * @param oldMeta the stored metadata (trusted; its own problems are not reported)
   */
  public static List<FieldError> validateUpdate(
      JsonNode newMeta, JsonNode oldMeta, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    FieldReader r = new FieldReader(errs);
    if (!JsonNodes.isAbsent(newMeta) && r.ofType(newMeta, "object", path).isEmpty()) {
      return errs;
    }
    FieldReader old = new FieldReader(new ArrayList<>());
    FieldPath finalizersPath = path.child("finalizers");
    List<String> finalizers = r.stringList(newMeta, "finalizers", finalizersPath);
    if (JsonNodes.field(oldMeta, "deletionTimestamp") != null) {
      Set<String> added = new LinkedHashSet<>(finalizers);
      added.removeAll(old.stringList(oldMeta, "finalizers", finalizersPath));
      if (!added.isEmpty()) {
        errs.add(
            FieldError.forbidden(
                finalizersPath.toString(),
                "no new finalizers can be added if the object is being deleted, found new"
                    + " finalizers "
                    + goStrings(added.stream().sorted().toList())));
      }
    }
    if (JsonNodes.field(newMeta, "resourceVersion") == null
        || "".equals(JsonNodes.field(newMeta, "resourceVersion").asText())) {
      errs.add(
          FieldError.invalid(
              path.child("resourceVersion").toString(), "", "must be specified for an update"));
    }
    // Type errors in generation are reported once, by validateCommon.
    // An absent generation is left alone: Kubernetes' registry copies the stored one over it.
    long generation = old.integer(newMeta, "generation", path).orElse(Long.MAX_VALUE);
    if (generation < old.integer(oldMeta, "generation", path).orElse(0L)) {
      errs.add(
          FieldError.invalid(
              path.child("generation").toString(), generation, "must not be decremented"));
    }
    for (String field :
        List.of(
            "name",
            "namespace",
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds")) {
      String now = comparable(JsonNodes.field(newMeta, field));
      if (!now.equals(comparable(JsonNodes.field(oldMeta, field)))) {
        errs.add(FieldError.invalid(path.child(field).toString(), now, "field is immutable"));
      }
    }
    validateCommon(newMeta, path, r);
    MetadataListValidation.finalizers(finalizers, finalizersPath, errs);
    return errs;
  }

  /**
   * Non-fatal advice about {@code metadata} for the client, as Kubernetes returns in {@code
   * Warning} headers: finalizer names that are not domain-qualified (other than Kubernetes' own
   * {@code kubernetes}, {@code orphan} and {@code foregroundDeletion}) and repeated finalizers.
   * Never throws; empty when there is nothing to say.
   */
  public static List<String> warnings(JsonNode metadata) {
    FieldPath path = METADATA.child("finalizers");
    List<String> finalizers =
        new FieldReader(new ArrayList<>()).stringList(metadata, "finalizers", path);
    return MetadataListValidation.finalizerWarnings(finalizers, path);
  }

  /** Checks shared by create and update: scalar field types and the map and list fields. */
  private static void validateCommon(JsonNode meta, FieldPath path, FieldReader r) {
    List<FieldError> errs = r.errors();
    r.string(meta, "uid", path.child("uid"));
    r.integer(meta, "deletionGracePeriodSeconds", path.child("deletionGracePeriodSeconds"));
    r.integer(meta, "generation", path.child("generation"))
        .filter(g -> g < 0)
        .ifPresent(
            g ->
                errs.add(
                    FieldError.invalid(
                        path.child("generation").toString(),
                        g,
                        "must be greater than or equal to 0")));
    r.string(meta, "resourceVersion", path.child("resourceVersion"))
        .filter(rv -> !rv.isEmpty() && !isUint64(rv))
        .ifPresent(
            rv ->
                errs.add(
                    FieldError.invalid(
                        path.child("resourceVersion").toString(),
                        rv,
                        "must be a string of decimal digits")));
    for (String ts : List.of("creationTimestamp", "deletionTimestamp")) {
      r.string(meta, ts, path.child(ts))
          .filter(t -> !isRfc3339(t))
          .ifPresent(
              t ->
                  errs.add(
                      FieldError.invalid(
                          path.child(ts).toString(),
                          t,
                          "must be an RFC 3339 date-time, e.g. 2006-01-02T15:04:05Z")));
    }
    FieldPath labels = path.child("labels");
    errs.addAll(LabelValidation.labels(r.stringMap(meta, "labels", labels), labels));
    FieldPath annotations = path.child("annotations");
    errs.addAll(
        LabelValidation.annotations(r.stringMap(meta, "annotations", annotations), annotations));
    errs.addAll(
        OwnerReferenceValidation.validate(
            JsonNodes.field(meta, "ownerReferences"), path.child("ownerReferences")));
    MetadataListValidation.managedFields(
        JsonNodes.field(meta, "managedFields"), path.child("managedFields"), r);
  }

  private static boolean isUint64(String s) {
    return DIGITS.matcher(s).matches()
        && (s.length() < 20 || new BigInteger(s).compareTo(MAX_UINT64) <= 0);
  }

  private static boolean isRfc3339(String s) {
    try {
      OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A field's value for immutability checks: absent and {@code ""} compare equal, as in Go. */
  private static String comparable(JsonNode node) {
    if (node == null) {
      return "";
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }

  /** Renders strings as Go's {@code %#v} renders a {@code []string}. */
  static String goStrings(List<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String v : values) {
      quoted.add('"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }
    return "[]string{" + String.join(", ", quoted) + "}";
  }

  static void invalidEach(List<FieldError> errs, FieldPath path, String value, List<String> msgs) {
    for (String msg : msgs) {
      errs.add(FieldError.invalid(path.toString(), value, msg));
    }
  }
}
