package io.nauta.apiserver.resources.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.selector.LabelSelectors;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;

/**
 * Roles and ClusterRoles: namespaced roles may not name non-resource URLs; cluster roles may carry
 * an aggregation rule with at least one selector. Kubernetes prints them as NAME and CREATED AT.
 */
public final class RoleStrategy implements ResourceStrategy {
  private final boolean namespaced;

  private RoleStrategy(boolean namespaced) {
    this.namespaced = namespaced;
  }

  /** The strategy of namespaced Roles. */
  public static RoleStrategy role() {
    return new RoleStrategy(true);
  }

  /** The strategy of ClusterRoles. */
  public static RoleStrategy clusterRole() {
    return new RoleStrategy(false);
  }

  @Override
  public NameRule nameRule() {
    return NameRule.PATH_SEGMENT;
  }

  @Override
  public List<FieldError> validate(ObjectNode role) {
    ErrorList errs = new ErrorList();
    PolicyRules.validate(errs, role, namespaced);
    if (!namespaced && Json.at(role, "aggregationRule").isObject()) {
      FieldPath p = FieldPath.of("aggregationRule").child("clusterRoleSelectors");
      List<ObjectNode> selectors = Json.objects(role, "aggregationRule", "clusterRoleSelectors");
      if (selectors.isEmpty()) {
        errs.required(p, "at least one clusterRoleSelector required if aggregationRule is non-nil");
      }
      for (int i = 0; i < selectors.size(); i++) {
        LabelSelectors.validate(errs, p.index(i), selectors.get(i));
      }
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(TableColumn.NAME, Columns.CREATED_AT);
  }

  @Override
  public List<Object> cells(ObjectNode role, Instant now) {
    return List.of(Printing.name(role), Columns.createdAt(role));
  }
}
