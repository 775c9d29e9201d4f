package io.nauta.apiserver.resources.rbac;

import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.validation.ErrorList;

/** RBAC object and reference names: any path segment (not "." or "..", no "/" or "%"). */
final class RbacNames {
  private RbacNames() {}

  static void check(ErrorList errs, FieldPath p, String name) {
    if (name.equals(".") || name.equals("..")) {
      errs.invalid(p, name, "may not be '" + name + "'");
      return;
    }
    for (String bad : new String[] {"/", "%"}) {
      if (name.contains(bad)) {
        errs.invalid(p, name, "may not contain '" + bad + "'");
      }
    }
  }
}
