package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a pod spec update may change: container images, a lower {@code activeDeadlineSeconds}, added
 * tolerations and removed scheduling gates. Anything else is rejected with Kubernetes' "pod updates
 * may not change fields other than ..." message followed by the changed paths.
 */
final class PodUpdateValidation {
  static final String UPDATABLE =
      "pod updates may not change fields other than `spec.containers[*].image`,"
          + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
          + "`spec.tolerations` (only additions to existing tolerations),"
          + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously"
          + " negative)";

  private PodUpdateValidation() {}

  static void validate(ErrorList errs, JsonNode spec, JsonNode oldSpec) {
    FieldPath sp = FieldPath.of("spec");
    JsonNode deadline = spec.get("activeDeadlineSeconds");
    JsonNode oldDeadline = oldSpec.get("activeDeadlineSeconds");
    boolean hasDeadline = deadline != null && !deadline.isNull();
    boolean hadDeadline = oldDeadline != null && !oldDeadline.isNull();
    if (hasDeadline && hadDeadline && oldDeadline.asLong() < deadline.asLong()) {
      errs.invalid(
          sp.child("activeDeadlineSeconds"),
          deadline.asLong(),
          "must be less than or equal to previous value");
      return;
    }
    if (!hasDeadline && hadDeadline) {
      errs.invalid(
          sp.child("activeDeadlineSeconds"),
          "null",
          "must not update from a positive integer to nil value");
    }
    for (String list : List.of("containers", "initContainers")) {
      if (Json.size(spec, list) != Json.size(oldSpec, list)) {
        errs.forbidden(sp.child(list), "pod updates may not add or remove containers");
        return;
      }
    }
    if (!onlyAddedTolerations(spec, oldSpec)) {
      errs.forbidden(
          sp.child("tolerations"),
          "existing toleration can not be modified except its tolerationSeconds");
    }
    ObjectNode munged = oldSpec.isObject() ? (ObjectNode) oldSpec.deepCopy() : Json.newObject();
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> mine = Json.objects(munged, list);
      List<ObjectNode> theirs = Json.objects(spec, list);
      for (int i = 0; i < mine.size() && i < theirs.size(); i++) {
        copy(theirs.get(i), mine.get(i), "image");
      }
    }
    copy(spec, munged, "activeDeadlineSeconds");
    copy(spec, munged, "tolerations");
    if (Json.integer(oldSpec, 0, "terminationGracePeriodSeconds") < 0
        && Json.integer(spec, 0, "terminationGracePeriodSeconds") == 1) {
      copy(spec, munged, "terminationGracePeriodSeconds");
    }
    if (gatesOnlyRemoved(spec, oldSpec)) {
      copy(spec, munged, "schedulingGates");
    }
    if (!munged.equals(spec)) {
      List<String> diff = new ArrayList<>();
      diff(diff, "", munged, spec);
      errs.forbidden(sp, UPDATABLE + "\n" + String.join("\n", diff));
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field).deepCopy());
    } else {
      to.remove(field);
    }
  }

  private static boolean onlyAddedTolerations(JsonNode spec, JsonNode oldSpec) {
    List<ObjectNode> now = Json.objects(spec, "tolerations");
    for (ObjectNode old : Json.objects(oldSpec, "tolerations")) {
      boolean kept =
          now.stream()
              .anyMatch(
                  t -> {
                    ObjectNode a = t.deepCopy();
                    ObjectNode b = old.deepCopy();
                    if ("NoExecute".equals(Json.text(b, "effect"))) {
                      a.remove("tolerationSeconds");
                      b.remove("tolerationSeconds");
                    }
                    return a.equals(b);
                  });
      if (!kept) {
        return false;
      }
    }
    return true;
  }

  private static boolean gatesOnlyRemoved(JsonNode spec, JsonNode oldSpec) {
    List<ObjectNode> old = Json.objects(oldSpec, "schedulingGates");
    return Json.objects(spec, "schedulingGates").stream().allMatch(old::contains);
  }

  /** Human-readable differences: "- path: old" / "+ path: new" per changed leaf. */
  private static void diff(List<String> out, String path, JsonNode a, JsonNode b) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(out, path.isEmpty() ? "spec." + k : path + "." + k, a.get(k), b.get(k));
      }
    } else if (a instanceof ArrayNode x && b instanceof ArrayNode y && x.size() == y.size()) {
      for (int i = 0; i < x.size(); i++) {
        diff(out, path + "[" + i + "]", x.get(i), y.get(i));
      }
    } else if (a == null ? b != null : !a.equals(b)) {
      if (a != null) {
        out.add("- " + path + ": " + a);
      }
      if (b != null) {
        out.add("+ " + path + ": " + b);
      }
    }
  }
}
