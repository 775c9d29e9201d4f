package io.nauta.api.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks of label and annotation maps, with Kubernetes' paths and wording: every problem is
 * reported on the map's own path (e.g. {@code metadata.labels}) with the offending key or value.
 */
public final class LabelValidation {
  /** Kubernetes' limit on the summed byte length of all annotation keys and values (256 KiB). */
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

  private LabelValidation() {}

  /** Keys must be qualified names and values label values. Never throws; empty when valid. */
  public static List<FieldError> labels(Map<String, String> labels, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    labels.forEach(
        (k, v) -> {
          for (String msg : NameValidation.qualifiedName(k)) {
            errs.add(FieldError.invalid(path.toString(), k, msg));
          }
          for (String msg : NameValidation.labelValue(v)) {
            errs.add(FieldError.invalid(path.toString(), v, msg));
          }
        });
    return errs;
  }

  /**
   * Keys must be qualified names, ignoring case, and all keys and values together may take at most
   * {@link #TOTAL_ANNOTATION_SIZE_LIMIT_BYTES} bytes of UTF-8. Never throws; empty when valid.
   */
  public static List<FieldError> annotations(Map<String, String> annotations, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      for (String msg : NameValidation.qualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
        errs.add(FieldError.invalid(path.toString(), e.getKey(), msg));
      }
      total += utf8Length(e.getKey()) + utf8Length(e.getValue());
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
      errs.add(FieldError.tooLong(path.toString(), TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
    }
    return errs;
  }

  /** The length of {@code s} in UTF-8 bytes, which is how Go measures strings. */
  static long utf8Length(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 0x80;
    }
    return ascii ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
