package io.nauta.controllers.servicelb;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBalancerPlanTest {
  private static Service lb(String name, String created, int port, String protocol) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .addNewPort()
        .withPort(port)
        .withProtocol(protocol)
        .endPort()
        .endSpec()
        .build();
  }

  private static Node node(String name, String ready, String internal, String external) {
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready)
            .endCondition()
            .addNewAddress()
            .withType("InternalIP")
            .withAddress(internal)
            .endAddress()
            .endStatus();
    if (external != null) {
      b.editStatus()
          .addNewAddress()
          .withType("ExternalIP")
          .withAddress(external)
          .endAddress()
          .endStatus();
    }
    return b.build();
  }

  private static final List<Node> NODES =
      List.of(
          node("a", "True", "192.0.2.2", null),
          node("b", "True", "192.0.2.1", "198.51.100.1"),
          node("c", "False", "192.0.2.3", null),
          new NodeBuilder(node("sim", "True", "192.0.2.9", null))
              .editMetadata()
              .addToLabels("nauta.io/simulated", "true")
              .endMetadata()
              .build());

  @Test
  void theReadyRealNodesAreTheLoadBalancer() {
    Service web = lb("web", "2026-01-01T00:00:00Z", 80, "TCP");
    var d = LoadBalancerPlan.decide(web, List.of(web), NODES);
    assertThat(d.conflict()).isEmpty();
    assertThat(d.ingress()).containsExactly("192.0.2.2", "198.51.100.1");
  }

  @Test
  void aPortServedByAnOlderBalancerKeepsTheNewOnePending() {
    Service first = lb("first", "2026-01-01T00:00:00Z", 80, "TCP");
    Service second = lb("second", "2026-01-02T00:00:00Z", 80, "TCP");
    Service udp = lb("udp", "2026-01-03T00:00:00Z", 80, "UDP");
    List<Service> all = List.of(first, second, udp);
    assertThat(LoadBalancerPlan.decide(first, all, NODES).conflict()).isEmpty();
    assertThat(LoadBalancerPlan.decide(second, all, NODES).conflict())
        .contains("port 80/TCP is already served by Service default/first");
    assertThat(LoadBalancerPlan.decide(udp, all, NODES).conflict()).isEmpty();
  }

  @Test
  void onlyClasslessLoadBalancersAreHandled() {
    Service web = lb("web", "2026-01-01T00:00:00Z", 80, "TCP");
    assertThat(LoadBalancerPlan.handles(web)).isTrue();
    Service classy =
        new ServiceBuilder(web)
            .editSpec()
            .withLoadBalancerClass("example.com/lb")
            .endSpec()
            .build();
    assertThat(LoadBalancerPlan.handles(classy)).isFalse();
    Service plain = new ServiceBuilder(web).editSpec().withType("NodePort").endSpec().build();
    assertThat(LoadBalancerPlan.handles(plain)).isFalse();
  }
}
