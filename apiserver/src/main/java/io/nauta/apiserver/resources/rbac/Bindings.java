package io.nauta.apiserver.resources.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.api.validation.NameValidation;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What RoleBindings and ClusterRoleBindings share: defaulting of API groups, role reference and
 * subject checks, the immutable roleRef, and the table.
 */
final class Bindings {
  static final String GROUP = "rbac.authorization.k8s.io";

  private Bindings() {}

  static void defaults(ObjectNode binding) {
    Json.defaultText(Json.object(binding, "roleRef"), "apiGroup", GROUP);
    for (ObjectNode s : Json.objects(binding, "subjects")) {
      String kind = Json.text(s, "kind");
      if (kind.equals("User") || kind.equals("Group")) {
        Json.defaultText(s, "apiGroup", GROUP);
      }
    }
  }

  static void validate(ErrorList errs, JsonNode binding, boolean namespaced) {
    FieldPath ref = FieldPath.of("roleRef");
    String group = Json.text(binding, "roleRef", "apiGroup");
    if (!group.equals(GROUP)) {
      errs.notSupported(ref.child("apiGroup"), group, GROUP);
    }
    String kind = Json.text(binding, "roleRef", "kind");
    if (namespaced) {
      errs.oneOf(ref.child("kind"), kind, "Role", "ClusterRole");
    } else {
      errs.oneOf(ref.child("kind"), kind, "ClusterRole");
    }
    String name = Json.text(binding, "roleRef", "name");
    if (name.isEmpty()) {
      errs.required(ref.child("name"), "");
    } else {
      RbacNames.check(errs, ref.child("name"), name);
    }
    List<ObjectNode> subjects = Json.objects(binding, "subjects");
    for (int i = 0; i < subjects.size(); i++) {
      subject(errs, FieldPath.of("subjects").index(i), subjects.get(i), namespaced);
    }
  }

  private static void subject(ErrorList errs, FieldPath p, JsonNode s, boolean namespaced) {
    String name = Json.text(s, "name");
    if (name.isEmpty()) {
      errs.required(p.child("name"), "");
    }
    String group = Json.text(s, "apiGroup");
    switch (Json.text(s, "kind")) {
      case "ServiceAccount" -> {
        if (!name.isEmpty()) {
          NameValidation.dns1123Subdomain(name)
              .forEach(m -> errs.invalid(p.child("name"), name, m));
        }
        if (!group.isEmpty()) {
          errs.notSupported(p.child("apiGroup"), group, "");
        }
        if (!namespaced && Json.text(s, "namespace").isEmpty()) {
          errs.required(p.child("namespace"), "");
        }
      }
      case "User", "Group" -> {
        if (!group.equals(GROUP)) {
          errs.notSupported(p.child("apiGroup"), group, GROUP);
        }
      }
      default ->
          errs.notSupported(
              p.child("kind"), Json.text(s, "kind"), "ServiceAccount", "User", "Group");
    }
  }

  static void roleRefImmutable(ErrorList errs, JsonNode binding, JsonNode old) {
    if (!Json.at(binding, "roleRef").equals(Json.at(old, "roleRef"))) {
      errs.invalid(
          FieldPath.of("roleRef"), Json.at(binding, "roleRef").toString(), "cannot change roleRef");
    }
  }

  static List<TableColumn> columns(String what) {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Role", "The role the binding grants."),
        TableColumn.AGE,
        TableColumn.wide("Users", "Users in the " + what),
        TableColumn.wide("Groups", "Groups in the " + what),
        TableColumn.wide("ServiceAccounts", "ServiceAccounts in the " + what));
  }

  static List<Object> cells(ObjectNode binding, Instant now) {
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<String> sas = new ArrayList<>();
    for (JsonNode s : Json.objects(binding, "subjects")) {
      switch (Json.text(s, "kind")) {
        case "ServiceAccount" -> sas.add(Json.text(s, "namespace") + "/" + Json.text(s, "name"));
        case "User" -> users.add(Json.text(s, "name"));
        case "Group" -> groups.add(Json.text(s, "name"));
        default -> {}
      }
    }
    return List.of(
        Printing.name(binding),
        Json.text(binding, "roleRef", "kind") + "/" + Json.text(binding, "roleRef", "name"),
        Printing.age(binding, now),
        String.join(", ", users),
        String.join(", ", groups),
        String.join(", ", sas));
  }
}
