package io.nauta.apiserver.resources.apps;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentStrategyTest {
  private final DeploymentStrategy strategy = new DeploymentStrategy();

  static final String DEPLOYMENT =
      """
      {"spec":{"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"labels":{"app":"web"}},
          "spec":{"containers":[{"name":"web","image":"nginx"},{"name":"log","image":"fluentd:1"}]}}}}
      """;

  private ObjectNode created(String json) {
    ObjectNode d = object(json);
    strategy.prepareForCreate(d);
    return d;
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "spec.replicas, 1",
    "spec.strategy.type, RollingUpdate",
    "spec.strategy.rollingUpdate.maxUnavailable, 25%",
    "spec.strategy.rollingUpdate.maxSurge, 25%",
    "spec.revisionHistoryLimit, 10",
    "spec.progressDeadlineSeconds, 600",
    "spec.template.spec.restartPolicy, Always",
    "spec.template.spec.dnsPolicy, ClusterFirst",
    "spec.template.spec.containers.0.imagePullPolicy, Always",
    "spec.template.spec.containers.1.imagePullPolicy, IfNotPresent",
  })
  void defaultsLikeKubernetes(String path, String expected) {
    assertThat(created(DEPLOYMENT).at("/" + path.replace('.', '/')).asText()).isEqualTo(expected);
  }

  @Test
  void templatesDoNotGetPodOnlyDefaults() {
    ObjectNode d = created(DEPLOYMENT);
    assertThat(d.at("/spec/template/spec").has("enableServiceLinks")).isFalse();
    assertThat(d.at("/spec/template").has("status")).isFalse();
    assertThat(d.get("status").toString()).isEqualTo("{}");
    assertThat(strategy.validate(d)).isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "selector mismatch",
            DEPLOYMENT.replace("\"labels\":{\"app\":\"web\"}", "\"labels\":{\"app\":\"api\"}"),
            "spec.template.metadata.labels: Invalid value: \"map[string]string{\"app\":\"api\"}\":"
                + " `selector` does not match template `labels`"),
        Arguments.of(
            "no selector",
            DEPLOYMENT.replace("\"selector\":{\"matchLabels\":{\"app\":\"web\"}},", ""),
            "spec.selector: Required value"),
        Arguments.of(
            "empty selector",
            DEPLOYMENT.replace("{\"matchLabels\":{\"app\":\"web\"}}", "{}"),
            "spec.selector: Invalid value: \"{}\": empty selector is invalid for deployment"),
        Arguments.of(
            "negative replicas",
            DEPLOYMENT.replace("{\"selector\"", "{\"replicas\":-1,\"selector\""),
            "spec.replicas: Invalid value: \"-1\": must be greater than or equal to 0"),
        Arguments.of(
            "restart policy",
            DEPLOYMENT.replace(
                "\"spec\":{\"containers\"", "\"spec\":{\"restartPolicy\":\"Never\",\"containers\""),
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""),
        Arguments.of(
            "both zero",
            DEPLOYMENT.replace(
                "{\"selector\"",
                "{\"strategy\":{\"rollingUpdate\":{\"maxUnavailable\":0,\"maxSurge\":\"0%\"}},\"selector\""),
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0\": may not be 0 when `maxSurge` is 0"),
        Arguments.of(
            "recreate with rolling update",
            DEPLOYMENT.replace(
                "{\"selector\"",
                "{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":{}},\"selector\""),
            "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"),
        Arguments.of(
            "container without image",
            DEPLOYMENT.replace("\"image\":\"nginx\"", "\"image\":\"\""),
            "spec.template.spec.containers[0].image: Required value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsInvalidDeployments(String name, String json, String message) {
    assertThat(messages(strategy.validate(created(json)))).contains(message);
  }

  @Test
  void selectorIsImmutable() {
    ObjectNode old = created(DEPLOYMENT);
    ObjectNode update = created(DEPLOYMENT.replace("\"app\":\"web\"", "\"app\":\"api\""));
    assertThat(messages(strategy.validateUpdate(update, old)))
        .containsExactly("spec.selector: Invalid value: \"app=api\": field is immutable");
  }

  @Test
  void printsReadyAsReadyOverDesired() {
    ObjectNode d = created(DEPLOYMENT.replace("{\"selector\"", "{\"replicas\":3,\"selector\""));
    ((ObjectNode) d.get("status"))
        .put("readyReplicas", 2)
        .put("updatedReplicas", 3)
        .put("availableReplicas", 2);
    assertThat(strategy.cells(d, NOW))
        .containsExactly("x", "2/3", 3L, 2L, "10m", "web,log", "nginx,fluentd:1", "app=web");
  }
}
