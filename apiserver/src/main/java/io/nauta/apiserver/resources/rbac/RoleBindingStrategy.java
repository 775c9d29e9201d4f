package io.nauta.apiserver.resources.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;

/**
 * RoleBindings and ClusterRoleBindings: roleRef and subject API groups defaulted, references
 * checked (cluster bindings may only name ClusterRoles and need service account namespaces), and a
 * roleRef that can never change.
 */
public final class RoleBindingStrategy implements ResourceStrategy {
  private final boolean namespaced;

  private RoleBindingStrategy(boolean namespaced) {
    this.namespaced = namespaced;
  }

  /** The strategy of namespaced RoleBindings. */
  public static RoleBindingStrategy roleBinding() {
    return new RoleBindingStrategy(true);
  }

  /** The strategy of ClusterRoleBindings. */
  public static RoleBindingStrategy clusterRoleBinding() {
    return new RoleBindingStrategy(false);
  }

  @Override
  public NameRule nameRule() {
    return NameRule.PATH_SEGMENT;
  }

  @Override
  public void prepareForCreate(ObjectNode binding) {
    Bindings.defaults(binding);
  }

  @Override
  public void prepareForUpdate(ObjectNode binding, ObjectNode old) {
    Bindings.defaults(binding);
  }

  @Override
  public List<FieldError> validate(ObjectNode binding) {
    ErrorList errs = new ErrorList();
    Bindings.validate(errs, binding, namespaced);
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode binding, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(binding));
    Bindings.roleRefImmutable(errs, binding, old);
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return Bindings.columns(namespaced ? "roleBinding" : "clusterRoleBinding");
  }

  @Override
  public List<Object> cells(ObjectNode binding, Instant now) {
    return Bindings.cells(binding, now);
  }
}
