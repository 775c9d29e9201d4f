package io.nauta.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.json.JsonNodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks of the list fields of {@code metadata} other than owner references: {@code finalizers} and
 * {@code managedFields}, worded as Kubernetes' {@code ValidateFinalizers} and {@code
 * ValidateManagedFields}.
 */
final class MetadataListValidation {
  static final String ORPHAN = "orphan";
  static final String FOREGROUND_DELETION = "foregroundDeletion";
  private static final Set<String> STANDARD_FINALIZERS =
      Set.of("kubernetes", ORPHAN, FOREGROUND_DELETION);
  private static final int FIELD_MANAGER_MAX_LENGTH = 128;
  private static final int SUBRESOURCE_MAX_LENGTH = 256;

  private MetadataListValidation() {}

  /**
   * Every finalizer must be a qualified name, and {@code orphan} and {@code foregroundDeletion}
   * exclude each other. Repeats are allowed, as in Kubernetes (see {@link #finalizerWarnings}).
   */
  static void finalizers(List<String> finalizers, FieldPath path, List<FieldError> errs) {
    for (String f : finalizers) {
      ObjectMetaValidation.invalidEach(errs, path, f, NameValidation.qualifiedName(f));
    }
    if (finalizers.contains(ORPHAN) && finalizers.contains(FOREGROUND_DELETION)) {
      errs.add(
          FieldError.invalid(
              path.toString(),
              finalizers.toString(),
              "finalizer " + ORPHAN + " and " + FOREGROUND_DELETION + " cannot be both set"));
    }
  }

  static List<String> finalizerWarnings(List<String> finalizers, FieldPath path) {
    List<String> warnings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String f : finalizers) {
      if (!seen.add(f)) {
        warnings.add(path + ": \"" + f + "\": duplicate finalizer name");
      } else if (!f.contains("/")
          && !STANDARD_FINALIZERS.contains(f)
          && NameValidation.qualifiedName(f).isEmpty()) {
        warnings.add(
            path
                + ": \""
                + f
                + "\": prefer a domain-qualified finalizer name to avoid accidental conflicts"
                + " with other finalizer writers");
      }
    }
    return warnings;
  }

  /**
   * Each entry's {@code operation} must be {@code Apply} or {@code Update}, {@code fieldsType}
   * (when set) {@code FieldsV1}, {@code manager} at most 128 bytes of printable characters and
   * {@code subresource} at most 256 bytes.
   */
  static void managedFields(JsonNode entries, FieldPath path, FieldReader r) {
    List<FieldError> errs = r.errors();
    Optional<JsonNode> array = r.ofType(entries, "array", path);
    if (array.isEmpty()) {
      return;
    }
    for (int i = 0; i < array.get().size(); i++) {
      FieldPath at = path.index(i);
      JsonNode e = array.get().get(i);
      if (!JsonNodes.isAbsent(e) && r.ofType(e, "object", at).isEmpty()) {
        continue;
      }
      String operation = r.stringOrEmpty(e, "operation", at.child("operation"));
      if (!operation.equals("Apply") && !operation.equals("Update")) {
        errs.add(
            FieldError.invalid(
                at.child("operation").toString(), operation, "must be `Apply` or `Update`"));
      }
      String fieldsType = r.stringOrEmpty(e, "fieldsType", at.child("fieldsType"));
      if (!fieldsType.isEmpty() && !fieldsType.equals("FieldsV1")) {
        errs.add(
            FieldError.invalid(
                at.child("fieldsType").toString(), fieldsType, "must be `FieldsV1`"));
      }
      String manager = r.stringOrEmpty(e, "manager", at.child("manager"));
      if (LabelValidation.utf8Length(manager) > FIELD_MANAGER_MAX_LENGTH) {
        errs.add(FieldError.tooLong(at.child("manager").toString(), FIELD_MANAGER_MAX_LENGTH));
      }
      int offset = 0;
      for (int cp : manager.codePoints().toArray()) {
        if (!isPrintable(cp)) {
          errs.add(
              FieldError.invalid(
                  at.child("manager").toString(),
                  manager,
                  String.format("invalid character U+%04X (at position %d)", cp, offset)));
        }
        offset += LabelValidation.utf8Length(new String(Character.toChars(cp)));
      }
      String subresource = r.stringOrEmpty(e, "subresource", at.child("subresource"));
      if (LabelValidation.utf8Length(subresource) > SUBRESOURCE_MAX_LENGTH) {
        errs.add(FieldError.tooLong(at.child("subresource").toString(), SUBRESOURCE_MAX_LENGTH));
      }
      r.object(e, "fieldsV1", at.child("fieldsV1"));
      r.string(e, "apiVersion", at.child("apiVersion"));
      r.string(e, "time", at.child("time"));
    }
  }

  /**
   * Like Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII
   * space.
   */
  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
