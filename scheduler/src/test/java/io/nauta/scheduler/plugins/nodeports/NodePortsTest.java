package io.nauta.scheduler.plugins.nodeports;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Status;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodePortsTest {
  private final NodePorts plugin = new NodePorts();

  /** A port spec "ip/protocol/hostPort"; empty parts stay unset. */
  private static ContainerPort port(String spec) {
    String[] p = spec.split("/", -1);
    return new ContainerPortBuilder()
        .withContainerPort(8080)
        .withHostIP(p[0].isEmpty() ? null : p[0])
        .withProtocol(p[1].isEmpty() ? null : p[1])
        .withHostPort(p[2].isEmpty() ? null : Integer.valueOf(p[2]))
        .build();
  }

  private static Pod withPorts(String name, String... specs) {
    return pod(name, null, null)
        .editSpec()
        .editFirstContainer()
        .withPorts(Arrays.stream(specs).map(NodePortsTest::port).toList())
        .endContainer()
        .endSpec()
        .build();
  }

  private static NodeInfo nodeWith(Pod... pods) {
    return NodeInfo.of(node("n", "4", "8Gi").build(), List.of(pods));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "no host ports fit anywhere", pod("p"), nodeWith(withPorts("a", "//80")), true),
        Arguments.of(
            "free port fits", withPorts("p", "//80"), nodeWith(withPorts("a", "//81")), true),
        Arguments.of(
            "same port and protocol conflict",
            withPorts("p", "//80"),
            nodeWith(withPorts("a", "/TCP/80")),
            false),
        Arguments.of(
            "other protocol is free",
            withPorts("p", "/UDP/53"),
            nodeWith(withPorts("a", "/TCP/53")),
            true),
        Arguments.of(
            "different specific IPs are free",
            withPorts("p", "10.0.0.1/TCP/80"),
            nodeWith(withPorts("a", "10.0.0.2/TCP/80")),
            true),
        Arguments.of(
            "same specific IP conflicts",
            withPorts("p", "10.0.0.1/TCP/80"),
            nodeWith(withPorts("a", "10.0.0.1/TCP/80")),
            false),
        Arguments.of(
            "wildcard wanted conflicts with a specific IP",
            withPorts("p", "0.0.0.0/TCP/80"),
            nodeWith(withPorts("a", "10.0.0.1/TCP/80")),
            false),
        Arguments.of(
            "specific IP wanted conflicts with an empty IP in use",
            withPorts("p", "10.0.0.1/TCP/80"),
            nodeWith(withPorts("a", "//80")),
            false),
        Arguments.of(
            "container ports without host ports bind nothing",
            withPorts("p", "///"),
            nodeWith(withPorts("a", "///")),
            true),
        Arguments.of(
            "any of several ports conflicting rejects",
            withPorts("p", "//80", "//443"),
            nodeWith(withPorts("a", "//22"), withPorts("b", "//443")),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filters(String name, Pod pod, NodeInfo node, boolean fits) {
    CycleState state = new CycleState();
    plugin.preFilter(state, pod, List.of(node));
    Status s = plugin.filter(state, pod, node);
    assertThat(s.isSuccess()).isEqualTo(fits);
    if (!fits) {
      assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
      assertThat(s.reasons()).containsExactly(NodePorts.REASON);
    }
  }

  @Test
  void preFilterSkipsPodsWithoutHostPorts() {
    assertThat(plugin.preFilter(new CycleState(), pod("p"), List.of()).code())
        .isEqualTo(Status.Code.SKIP);
  }

  @Test
  void sidecarHostPortsCount() {
    Pod sidecar =
        pod("s", null, null)
            .editSpec()
            .addNewInitContainer()
            .withName("proxy")
            .withRestartPolicy("Always")
            .withPorts(port("//15001"))
            .endInitContainer()
            .endSpec()
            .build();
    assertThat(NodePorts.hostPorts(sidecar))
        .containsExactly(new NodePorts.HostPort("0.0.0.0", "TCP", 15001));
  }
}
