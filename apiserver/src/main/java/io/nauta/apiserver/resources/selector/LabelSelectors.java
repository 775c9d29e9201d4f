package io.nauta.apiserver.resources.selector;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.labels.LabelSelector;
import io.nauta.api.selection.SelectorParseException;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code metav1.LabelSelector} objects as workloads use them, on top of {@link LabelSelector}: an
 * absent selector selects nothing, an empty one everything; invalid selectors match nothing.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** True when the selector has neither matchLabels nor matchExpressions (absent counts). */
  public static boolean isEmpty(JsonNode selector) {
    return Json.size(selector, "matchLabels") == 0 && Json.size(selector, "matchExpressions") == 0;
  }

  /** Reports label key/value and expression problems under {@code p}. */
  public static void validate(ErrorList errs, FieldPath p, JsonNode selector) {
    errs.addAll(LabelSelector.validate(selector, p));
  }

  /** True when {@code labels} satisfy the selector; false for absent or invalid selectors. */
  public static boolean matches(JsonNode selector, Map<String, String> labels) {
    try {
      return LabelSelector.fromJson(selector).matches(labels);
    } catch (SelectorParseException e) {
      return false;
    }
  }

  /** The selector string ({@code app=web,tier in (a,b)}), "" when empty, "<error>" if invalid. */
  public static String toSelectorString(JsonNode selector) {
    try {
      return LabelSelector.fromJson(selector).toString();
    } catch (SelectorParseException e) {
      return "<error>";
    }
  }

  /** As {@code metav1.FormatLabelSelector}: the selector string, or "<none>" when empty. */
  public static String format(JsonNode selector) {
    String s = toSelectorString(selector);
    return s.isEmpty() ? "<none>" : s;
  }

  /** A label map as {@code k1=v1,k2=v2} sorted by key, or "<none>" when empty. */
  public static String formatLabels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /**
   * A Go-like rendering of a label map used as the bad value in errors, e.g. {@code
   * map[string]string{"app":"web"}}.
   */
  public static String goMap(Map<String, String> labels) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(labels).forEach((k, v) -> parts.add("\"" + k + "\":\"" + v + "\""));
    return "map[string]string{" + String.join(", ", parts) + "}";
  }
}
