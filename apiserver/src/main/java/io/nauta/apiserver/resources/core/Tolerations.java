package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.api.validation.NameValidation;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.util.List;

/** Pod tolerations and node taints: keys, operators, values and effects. */
public final class Tolerations {
  private Tolerations() {}

  /** Checks a pod's {@code tolerations} list. */
  public static void validate(ErrorList errs, FieldPath p, JsonNode list) {
    List<ObjectNode> items = Json.objects(list);
    for (int i = 0; i < items.size(); i++) {
      ObjectNode t = items.get(i);
      FieldPath tp = p.index(i);
      String key = Json.text(t, "key");
      String op = Json.text(t, "operator");
      String value = Json.text(t, "value");
      String effect = Json.text(t, "effect");
      if (!key.isEmpty()) {
        errs.qualifiedName(tp.child("key"), key);
      }
      if (key.isEmpty() && !op.equals("Exists")) {
        errs.invalid(
            tp.child("operator"),
            op,
            "operator must be Exists when `key` is empty, which means \"match all values and all"
                + " keys\"");
      }
      if (Json.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errs.invalid(
            tp.child("effect"),
            effect,
            "effect must be 'NoExecute' when `tolerationSeconds` is set");
      }
      switch (op) {
        case "", "Equal" -> {
          List<String> msgs = NameValidation.labelValue(value);
          if (!msgs.isEmpty()) {
            errs.invalid(tp.child("operator"), value, String.join(";", msgs));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.invalid(
                tp.child("operator"), value, "value must be empty when `operator` is 'Exists'");
          }
        }
        default -> errs.notSupported(tp.child("operator"), op, "Equal", "Exists");
      }
      if (!effect.isEmpty()) {
        effect(errs, tp.child("effect"), effect);
      }
    }
  }

  /** Checks a node's {@code spec.taints}: key required, effect required and supported. */
  public static void validateTaints(ErrorList errs, FieldPath p, JsonNode list) {
    List<ObjectNode> items = Json.objects(list);
    for (int i = 0; i < items.size(); i++) {
      ObjectNode t = items.get(i);
      FieldPath tp = p.index(i);
      errs.qualifiedName(tp.child("key"), Json.text(t, "key"));
      String value = Json.text(t, "value");
      NameValidation.labelValue(value).forEach(m -> errs.invalid(tp.child("value"), value, m));
      String effect = Json.text(t, "effect");
      if (effect.isEmpty()) {
        errs.required(tp.child("effect"), "");
      } else {
        effect(errs, tp.child("effect"), effect);
      }
    }
  }

  private static void effect(ErrorList errs, FieldPath p, String effect) {
    errs.oneOf(p, effect, "NoSchedule", "PreferNoSchedule", "NoExecute");
  }
}
