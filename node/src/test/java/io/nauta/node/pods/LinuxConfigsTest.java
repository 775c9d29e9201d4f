package io.nauta.node.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nauta.cri.v1.PodSandboxConfig;
import io.nauta.cri.v1.Protocol;
import io.nauta.node.resources.ContainerResources;
import io.nauta.node.resources.PodCgroups;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinuxConfigsTest {
  private static final Pod POD =
      Serialization.unmarshal(
          """
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","uid":"u"},
           "spec":{"securityContext":{"runAsUser":1000},
                   "containers":[{"name":"web","image":"i",
                     "resources":{"limits":{"cpu":"1","memory":"64Mi"}},
                     "ports":[{"containerPort":8080,"hostPort":18080},
                              {"containerPort":53,"hostPort":1053,"protocol":"UDP","hostIP":"127.0.0.1"},
                              {"containerPort":9090}]}]}}
          """,
          Pod.class);

  private final LinuxConfigs linux =
      new LinuxConfigs(
          new PodCgroups(PodCgroups.Driver.CGROUPFS, Path.of("/sys/fs/cgroup")),
          new ContainerResources(1L << 33, 0, false));

  @Test
  void hostPortsBecomePortMappings() {
    var mappings = LinuxConfigs.portMappings(POD);
    assertThat(mappings).hasSize(2);
    assertThat(mappings.get(0).getHostPort()).isEqualTo(18080);
    assertThat(mappings.get(0).getContainerPort()).isEqualTo(8080);
    assertThat(mappings.get(0).getProtocol()).isEqualTo(Protocol.TCP);
    assertThat(mappings.get(1).getProtocol()).isEqualTo(Protocol.UDP);
    assertThat(mappings.get(1).getHostIp()).isEqualTo("127.0.0.1");
  }

  @Test
  void theSandboxGetsItsCgroupParentResourcesAndUser() {
    PodSandboxConfig s = linux.sandbox(POD, PodSandboxConfig.newBuilder().setHostname("p").build());
    assertThat(s.getHostname()).isEqualTo("p");
    assertThat(s.getLinux().getCgroupParent()).isEqualTo("/kubepods/burstable/podu");
    assertThat(s.getLinux().getResources().getMemoryLimitInBytes()).isEqualTo(64L << 20);
    assertThat(s.getLinux().getSecurityContext().getRunAsUser().getValue()).isEqualTo(1000);
    assertThat(s.getPortMappingsCount()).isEqualTo(2);
  }

  @Test
  void stopTimeoutsAreWholeSecondsRoundedUp() {
    assertThat(ContainerLifecycle.roundUp(Duration.ofMillis(1500)))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(ContainerLifecycle.roundUp(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(ContainerLifecycle.roundUp(Duration.ofSeconds(-1))).isEqualTo(Duration.ZERO);
  }
}
