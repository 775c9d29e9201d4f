package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.ResourceStrategy.NameRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceStrategyTest {
  private final ServiceStrategy strategy = new ServiceStrategy();

  private ObjectNode created(String json) {
    ObjectNode svc = object(json);
    strategy.prepareForCreate(svc);
    return svc;
  }

  @Test
  void defaultsTypePortsAndPolicies() {
    ObjectNode svc =
        created("{\"spec\":{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80}]}}");
    assertThat(svc.get("spec").toString())
        .isEqualTo(
            "{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}],"
                + "\"type\":\"ClusterIP\",\"sessionAffinity\":\"None\",\"internalTrafficPolicy\":\"Cluster\","
                + "\"ipFamilyPolicy\":\"SingleStack\",\"ipFamilies\":[\"IPv4\"]}");
    assertThat(svc.get("status").toString()).isEqualTo("{\"loadBalancer\":{}}");
    assertThat(ServiceStrategy.needsClusterIp(svc)).isTrue();
    assertThat(strategy.nameRule()).isEqualTo(NameRule.DNS1035_LABEL);
  }

  @Test
  void nodePortServicesGetExternalTrafficPolicyAndNeedNodePorts() {
    ObjectNode svc = created("{\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[{\"port\":80}]}}");
    assertThat(svc.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
    assertThat(svc.at("/spec/allocateLoadBalancerNodePorts").asBoolean()).isTrue();
    assertThat(ServiceStrategy.needsNodePort(svc)).containsExactly(0);
  }

  static Stream<Arguments> invalidServices() {
    return Stream.of(
        Arguments.of("no ports", "{\"spec\":{}}", "spec.ports: Required value"),
        Arguments.of(
            "bad type",
            "{\"spec\":{\"type\":\"Magic\",\"ports\":[{\"port\":80}]}}",
            "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\","
                + " \"ExternalName\", \"LoadBalancer\", \"NodePort\""),
        Arguments.of(
            "port zero",
            "{\"spec\":{\"ports\":[{\"port\":0}]}}",
            "spec.ports[0].port: Invalid value: \"0\": must be between 1 and 65535, inclusive"),
        Arguments.of(
            "unnamed ports",
            "{\"spec\":{\"ports\":[{\"port\":80},{\"port\":443,\"name\":\"https\"}]}}",
            "spec.ports[0].name: Required value"),
        Arguments.of(
            "node port on ClusterIP",
            "{\"spec\":{\"ports\":[{\"port\":80,\"nodePort\":30080}]}}",
            "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
        Arguments.of(
            "external name missing",
            "{\"spec\":{\"type\":\"ExternalName\"}}",
            "spec.externalName: Required value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidServices")
  void rejectsInvalidServices(String name, String json, String message) {
    assertThat(messages(strategy.validate(created(json)))).contains(message);
  }

  @Test
  void headlessAndExternalNameServicesNeedNoPorts() {
    assertThat(strategy.validate(created("{\"spec\":{\"clusterIP\":\"None\"}}"))).isEmpty();
    assertThat(
            strategy.validate(
                created(
                    "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}}")))
        .isEmpty();
  }

  @Test
  void updateKeepsAllocatedValuesAndRefusesClusterIpChanges() {
    ObjectNode old = created("{\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}}");
    ((ObjectNode) old.get("spec"))
        .put("clusterIP", "10.96.0.10")
        .putArray("clusterIPs")
        .add("10.96.0.10");
    ((ObjectNode) old.at("/spec/ports/0")).put("nodePort", 30080);

    ObjectNode update = object("{\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}}");
    strategy.prepareForUpdate(update, old);
    assertThat(update.at("/spec/clusterIP").asText()).isEqualTo("10.96.0.10");
    assertThat(update.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
    assertThat(strategy.validateUpdate(update, old)).isEmpty();

    ObjectNode moved = update.deepCopy();
    ((ObjectNode) moved.get("spec"))
        .put("clusterIP", "10.96.0.11")
        .putArray("clusterIPs")
        .add("10.96.0.11");
    assertThat(messages(strategy.validateUpdate(moved, old)))
        .containsExactly(
            "spec.clusterIPs[0]: Invalid value: \"10.96.0.11\": may not change once set");
  }

  @Test
  void changingToClusterIpDropsNodePorts() {
    ObjectNode old = created("{\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}}");
    ((ObjectNode) old.at("/spec/ports/0")).put("nodePort", 30080);
    ObjectNode update = old.deepCopy();
    ((ObjectNode) update.get("spec")).put("type", "ClusterIP");
    strategy.prepareForUpdate(update, old);
    assertThat(update.at("/spec/ports/0").has("nodePort")).isFalse();
    assertThat(update.at("/spec").has("externalTrafficPolicy")).isFalse();
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "{\"spec\":{\"type\":\"ClusterIP\",\"clusterIPs\":[\"10.96.0.1\"],\"ports\":[{\"port\":443,\"protocol\":\"TCP\"}],\"selector\":{\"b\":\"2\",\"a\":\"1\"}}}",
            new Object[] {"x", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "10m", "a=1,b=2"}),
        Arguments.of(
            "{\"spec\":{\"type\":\"NodePort\",\"clusterIPs\":[\"10.96.0.2\"],\"ports\":[{\"port\":80,\"nodePort\":30080,\"protocol\":\"TCP\"},{\"port\":53,\"protocol\":\"UDP\"}]}}",
            new Object[] {
              "x", "NodePort", "10.96.0.2", "<none>", "80:30080/TCP,53/UDP", "10m", "<none>"
            }),
        Arguments.of(
            "{\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[]}}",
            new Object[] {"x", "LoadBalancer", "<none>", "<pending>", "<none>", "10m", "<none>"}),
        Arguments.of(
            "{\"spec\":{\"type\":\"LoadBalancer\"},\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"203.0.113.9\"}]}}}",
            new Object[] {"x", "LoadBalancer", "<none>", "203.0.113.9", "<none>", "10m", "<none>"}),
        Arguments.of(
            "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}}",
            new Object[] {
              "x", "ExternalName", "<none>", "db.example.com", "<none>", "10m", "<none>"
            }));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void printsLikeKubectl(String json, Object[] expected) {
    assertThat(strategy.cells(object(json), NOW)).containsExactly(expected);
  }
}
