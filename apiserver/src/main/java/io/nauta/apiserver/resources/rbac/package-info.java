/**
 * {@code rbac.authorization.k8s.io/v1} Roles, ClusterRoles and their bindings: path-segment names,
 * policy rule checks, subject and role reference checks, and bindings whose roleRef never changes.
 */
package io.nauta.apiserver.resources.rbac;
