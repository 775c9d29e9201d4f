package io.nauta.apiserver.resources.selector;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.validation.NameValidation;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code metav1.LabelSelector} semantics over JSON. A selector node that is absent or null selects
 * nothing; an empty selector ({@code {}}) selects everything.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** True when the selector has neither matchLabels nor matchExpressions (absent counts). */
  public static boolean isEmpty(JsonNode selector) {
    return Json.size(selector, "matchLabels") == 0 && Json.size(selector, "matchExpressions") == 0;
  }

  /** Checks label keys and values and each expression's operator and values. */
  public static void validate(ErrorList errs, FieldPath p, JsonNode selector) {
    if (selector == null || !selector.isObject()) {
      return;
    }
    errs.labels(p.child("matchLabels"), Json.stringMap(selector, "matchLabels"));
    List<com.fasterxml.jackson.databind.node.ObjectNode> exprs =
        Json.objects(selector, "matchExpressions");
    for (int i = 0; i < exprs.size(); i++) {
      JsonNode e = exprs.get(i);
      FieldPath ep = p.child("matchExpressions").index(i);
      String op = Json.text(e, "operator");
      int values = Json.size(e, "values");
      switch (op) {
        case "In", "NotIn" -> {
          if (values == 0) {
            errs.required(
                ep.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (values > 0) {
            errs.forbidden(
                ep.child("values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
          }
        }
        default -> errs.invalid(ep.child("operator"), op, "not a valid selector operator");
      }
      errs.qualifiedName(ep.child("key"), Json.text(e, "key"));
      List<String> vs = Json.strings(e, "values");
      for (int j = 0; j < vs.size(); j++) {
        String v = vs.get(j);
        NameValidation.labelValue(v).forEach(m -> errs.invalid(ep.child("values").index(j), v, m));
      }
    }
  }

  /** True when {@code labels} satisfy every requirement; an absent selector matches nothing. */
  public static boolean matches(JsonNode selector, Map<String, String> labels) {
    if (selector == null || !selector.isObject()) {
      return false;
    }
    for (Map.Entry<String, String> e : Json.stringMap(selector, "matchLabels").entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode e : Json.objects(selector, "matchExpressions")) {
      String key = Json.text(e, "key");
      List<String> values = Json.strings(e, "values");
      boolean has = labels.containsKey(key);
      boolean ok =
          switch (Json.text(e, "operator")) {
            case "In" -> has && values.contains(labels.get(key));
            case "NotIn" -> !has || !values.contains(labels.get(key));
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The selector as {@code kubectl} prints it: requirements sorted by key, e.g. {@code
   * app=web,tier in (a,b),!legacy}; "" for an absent or empty selector.
   */
  public static String toSelectorString(JsonNode selector) {
    TreeMap<String, List<String>> byKey = new TreeMap<>();
    Json.stringMap(selector, "matchLabels")
        .forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(k + "=" + v));
    for (JsonNode e : Json.objects(selector, "matchExpressions")) {
      String key = Json.text(e, "key");
      List<String> values = new ArrayList<>(Json.strings(e, "values"));
      values.sort(null);
      String joined = String.join(",", values);
      String req =
          switch (Json.text(e, "operator")) {
            case "In" -> key + " in (" + joined + ")";
            case "NotIn" -> key + " notin (" + joined + ")";
            case "Exists" -> key;
            case "DoesNotExist" -> "!" + key;
            default -> key + " " + Json.text(e, "operator");
          };
      byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(req);
    }
    List<String> parts = new ArrayList<>();
    byKey.values().forEach(parts::addAll);
    return String.join(",", parts);
  }

  /** {@link #toSelectorString} or "<none>" when empty, as {@code FormatLabelSelector} prints. */
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
