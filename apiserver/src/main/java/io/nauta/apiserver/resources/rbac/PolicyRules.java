package io.nauta.apiserver.resources.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.util.List;

/**
 * Checks of {@code rules[]} in Roles and ClusterRoles, as Kubernetes' {@code ValidatePolicyRule}.
 */
final class PolicyRules {
  private PolicyRules() {}

  static void validate(ErrorList errs, JsonNode role, boolean namespaced) {
    List<ObjectNode> rules = Json.objects(role, "rules");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      FieldPath p = FieldPath.of("rules").index(i);
      if (Json.size(rule, "verbs") == 0) {
        errs.required(p.child("verbs"), "verbs must contain at least one value");
      }
      if (Json.size(rule, "nonResourceURLs") > 0) {
        String urls = Json.strings(rule, "nonResourceURLs").toString();
        if (namespaced) {
          errs.invalid(
              p.child("nonResourceURLs"),
              urls,
              "namespaced rules cannot apply to non-resource URLs");
        }
        if (Json.size(rule, "apiGroups") > 0
            || Json.size(rule, "resources") > 0
            || Json.size(rule, "resourceNames") > 0) {
          errs.invalid(
              p.child("nonResourceURLs"),
              urls,
              "rules cannot apply to both regular resources and non-resource URLs");
        }
        continue;
      }
      if (Json.size(rule, "apiGroups") == 0) {
        errs.required(p.child("apiGroups"), "resource rules must supply at least one api group");
      }
      if (Json.size(rule, "resources") == 0) {
        errs.required(p.child("resources"), "resource rules must supply at least one resource");
      }
    }
  }
}
