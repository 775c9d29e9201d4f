package io.nauta.apiserver.resources.rbac;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.ResourceStrategy.NameRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacStrategiesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no verbs | {\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}]} | rules[0].verbs: Required value: verbs must contain at least one value",
        "no api groups | {\"rules\":[{\"verbs\":[\"get\"],\"resources\":[\"pods\"]}]} | rules[0].apiGroups: Required value: resource rules must supply at least one api group",
        "urls in a role | {\"rules\":[{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/healthz\"]}]} | rules[0].nonResourceURLs: Invalid value: \"[/healthz]\": namespaced rules cannot apply to non-resource URLs",
      })
  void rolesCheckTheirRules(String name, String json, String message) {
    assertThat(messages(RoleStrategy.role().validate(object(json)))).containsExactly(message);
  }

  @Test
  void clusterRolesMayNameUrlsAndPrintCreatedAt() {
    ObjectNode role =
        object("{\"rules\":[{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/healthz\"]}]}");
    assertThat(RoleStrategy.clusterRole().validate(role)).isEmpty();
    assertThat(RoleStrategy.clusterRole().cells(role, NOW))
        .containsExactly("x", "2024-01-01T00:00:00Z");
    assertThat(RoleStrategy.clusterRole().nameRule()).isEqualTo(NameRule.PATH_SEGMENT);
  }

  @Test
  void bindingsDefaultGroupsAndPrintSubjects() {
    RoleBindingStrategy strategy = RoleBindingStrategy.roleBinding();
    ObjectNode rb =
        object(
            "{\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"view\"},\"subjects\":["
                + "{\"kind\":\"User\",\"name\":\"alice\"},{\"kind\":\"Group\",\"name\":\"devs\"},"
                + "{\"kind\":\"ServiceAccount\",\"name\":\"builder\",\"namespace\":\"ci\"}]}");
    strategy.prepareForCreate(rb);
    assertThat(rb.at("/roleRef/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(rb.at("/subjects/0/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(rb.at("/subjects/2").has("apiGroup")).isFalse();
    assertThat(strategy.validate(rb)).isEmpty();
    assertThat(strategy.cells(rb, NOW))
        .containsExactly("x", "ClusterRole/view", "10m", "alice", "devs", "ci/builder");
  }

  @Test
  void roleRefCannotChangeAndClusterBindingsNeedClusterRoles() {
    RoleBindingStrategy strategy = RoleBindingStrategy.clusterRoleBinding();
    ObjectNode old =
        object(
            "{\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"view\"}}");
    ObjectNode update =
        object(
            "{\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"edit\"},"
                + "\"subjects\":[{\"kind\":\"ServiceAccount\",\"name\":\"sa\"}]}");
    assertThat(messages(strategy.validateUpdate(update, old)))
        .containsExactly(
            "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
            "subjects[0].namespace: Required value",
            "roleRef: Invalid value: \"{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"edit\"}\": cannot change roleRef");
  }
}
