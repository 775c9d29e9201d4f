package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.CriClient;
import io.nauta.cri.v1.ContainerConfig;
import io.nauta.cri.v1.LinuxContainerConfig;
import io.nauta.cri.v1.LinuxPodSandboxConfig;
import io.nauta.cri.v1.PodSandboxConfig;
import io.nauta.cri.v1.PortMapping;
import io.nauta.cri.v1.Protocol;
import io.nauta.node.resources.ContainerResources;
import io.nauta.node.resources.PodCgroups;
import io.nauta.node.security.SecurityContexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux side of a pod's CRI configurations, added to what {@link CriConfigs} builds: the
 * sandbox's cgroup parent (by QoS class), total resources, security context, host port mappings and
 * resolv.conf ({@link io.nauta.node.network.PodDns}, when given); each container's cgroup resources
 * and security context. Pure apart from {@link #detect}.
 */
record LinuxConfigs(
    PodCgroups cgroups, ContainerResources resources, io.nauta.node.network.PodDns dns) {
  LinuxConfigs(PodCgroups cgroups, ContainerResources resources) {
    this(cgroups, resources, null);
  }

  private static final Logger LOG = LoggerFactory.getLogger(LinuxConfigs.class);
  static final Path CGROUP_MOUNT = Path.of("/sys/fs/cgroup");

  /** The settings for the runtime behind {@code cri} on this host with {@code memory} bytes. */
  static LinuxConfigs detect(CriClient cri, long memory, io.nauta.node.network.PodDns dns) {
    PodCgroups.Driver driver;
    try {
      driver = PodCgroups.driverOf(cri.statusInfo());
    } catch (RuntimeException e) {
      LOG.info("cgroup driver unknown ({}); pods go where the runtime puts them", e.getMessage());
      driver = PodCgroups.Driver.NONE;
    }
    return new LinuxConfigs(
        new PodCgroups(driver, CGROUP_MOUNT),
        ContainerResources.forThisHost(memory, CGROUP_MOUNT),
        dns);
  }

  PodSandboxConfig sandbox(Pod pod, PodSandboxConfig base) {
    PodSandboxConfig.Builder b = base.toBuilder();
    if (dns != null) {
      b.setDnsConfig(dns.of(pod));
    }
    return b.addAllPortMappings(portMappings(pod))
        .setLinux(
            LinuxPodSandboxConfig.newBuilder()
                .setCgroupParent(cgroups.parent(pod))
                .setSecurityContext(SecurityContexts.sandbox(pod))
                .setResources(PodCgroups.podResources(pod)))
        .build();
  }

  ContainerConfig container(Pod pod, Container c, ContainerConfig base) {
    return base.toBuilder()
        .setLinux(
            LinuxContainerConfig.newBuilder()
                .setResources(resources.of(pod, c))
                .setSecurityContext(SecurityContexts.container(pod, c)))
        .build();
  }

  /** Every container port with a {@code hostPort}, for the CNI portmap plugin. */
  static List<PortMapping> portMappings(Pod pod) {
    List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers());
    all.addAll(pod.getSpec().getContainers());
    List<PortMapping> out = new ArrayList<>();
    for (Container c : all) {
      for (ContainerPort p : c.getPorts()) {
        if (p.getHostPort() == null || p.getHostPort() <= 0) {
          continue;
        }
        PortMapping.Builder m =
            PortMapping.newBuilder()
                .setContainerPort(p.getContainerPort())
                .setHostPort(p.getHostPort())
                .setProtocol(protocol(p.getProtocol()));
        if (p.getHostIP() != null) {
          m.setHostIp(p.getHostIP());
        }
        out.add(m.build());
      }
    }
    return out;
  }

  private static Protocol protocol(String name) {
    return switch (name == null ? "TCP" : name) {
      case "UDP" -> Protocol.UDP;
      case "SCTP" -> Protocol.SCTP;
      default -> Protocol.TCP;
    };
  }
}
