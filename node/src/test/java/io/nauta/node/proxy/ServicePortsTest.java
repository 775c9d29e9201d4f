package io.nauta.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServicePortsTest {
  static Stream<Arguments> servicesWithoutRules() {
    return Stream.of(
        Arguments.of("headless", (Consumer<Service>) s -> s.getSpec().setClusterIP("None")),
        Arguments.of(
            "ExternalName",
            (Consumer<Service>)
                s -> {
                  s.getSpec().setType("ExternalName");
                  s.getSpec().setExternalName("example.com");
                }),
        Arguments.of("no cluster IP yet", (Consumer<Service>) s -> s.getSpec().setClusterIP(null)),
        Arguments.of("IPv6 only", (Consumer<Service>) s -> s.getSpec().setClusterIP("fd00::5")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servicesWithoutRules")
  void getsNoRules(String why, Consumer<Service> change) {
    Service s = Fixtures.service("web", "10.43.0.50").build();
    change.accept(s);
    assertThat(ServicePorts.of(s)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodePortTypes")
  void nodePortsOnlyForNodePortAndLoadBalancer(String type, int expected) {
    Service s = Fixtures.nodePort("web", "10.43.0.50", 30080);
    s.getSpec().setType(type);
    assertThat(ServicePorts.of(s)).extracting(ServicePort::nodePort).containsExactly(expected);
  }

  static Stream<Arguments> nodePortTypes() {
    return Stream.of(
        Arguments.of("ClusterIP", 0),
        Arguments.of("NodePort", 30080),
        Arguments.of("LoadBalancer", 30080));
  }

  @ParameterizedTest(name = "timeout {0}")
  @MethodSource("affinities")
  void clientIpAffinityTimeout(Integer timeout, int expected) {
    Service s = Fixtures.service("web", "10.43.0.50").build();
    s.getSpec().setSessionAffinity("ClientIP");
    if (timeout != null) {
      s.getSpec()
          .setSessionAffinityConfig(
              new io.fabric8.kubernetes.api.model.SessionAffinityConfigBuilder()
                  .withNewClientIP()
                  .withTimeoutSeconds(timeout)
                  .endClientIP()
                  .build());
    }
    assertThat(ServicePorts.of(s).getFirst().affinitySeconds()).isEqualTo(expected);
  }

  static Stream<Arguments> affinities() {
    return Stream.of(Arguments.of(null, 10_800), Arguments.of(30, 30));
  }

  @org.junit.jupiter.api.Test
  void portIdUsesTheNameOrElseTheNumber() {
    Service s = Fixtures.service("web", "10.43.0.50").build();
    assertThat(ServicePorts.of(s).getFirst().id()).isEqualTo("default/web/tcp/http");
    s.getSpec().getPorts().getFirst().setName(null);
    assertThat(ServicePorts.of(List.of(s)).getFirst().id()).isEqualTo("default/web/tcp/80");
  }
}
