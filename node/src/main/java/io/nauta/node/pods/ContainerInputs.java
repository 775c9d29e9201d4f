package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.client.events.EventRecorder;
import io.nauta.cri.v1.ContainerConfig;
import io.nauta.cri.v1.KeyValue;
import io.nauta.cri.v1.Mount;
import io.nauta.node.env.ContainerEnv;
import io.nauta.node.env.PodFacts;
import io.nauta.node.network.EtcHosts;
import io.nauta.node.sources.PodSources;
import io.nauta.node.volumes.ContainerMounts;
import io.nauta.node.volumes.PodVolumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What a pod's containers are given besides their image: its volumes (set up before the sandbox,
 * refreshed on every pass, reported as {@code FailedMount} events) and each container's
 * environment, expanded command and args, and mounts. A container whose environment or mounts
 * cannot be made yet is not created: its waiting reason is {@code CreateContainerConfigError} and
 * the worker tries again on its next pass. Thread-safe; shared by the pod workers.
 */
final class ContainerInputs {
  static final String CONFIG_ERROR = "CreateContainerConfigError";

  private final PodSources sources;
  private final PodVolumes volumes;
  private final EventRecorder events;
  private final String nodeIp;

  private volatile String clusterDomain = "cluster.local";

  ContainerInputs(PodSources sources, PodVolumes volumes, EventRecorder events, String nodeIp) {
    this.sources = sources;
    this.volumes = volumes;
    this.events = events;
    this.nodeIp = nodeIp;
  }

  /** The container's config, or why it cannot be created now. */
  sealed interface Outcome permits Ready, Blocked {}

  record Ready(ContainerConfig config) implements Outcome {}

  record Blocked(String message) implements Outcome {}

  /** Sets up or refreshes the pod's volumes; true once all are there for containers to use. */
  boolean setUpVolumes(Pod pod) {
    PodVolumes.Status status = volumes.setUp(facts(pod, null));
    status
        .newFailures()
        .forEach(
            (volume, message) ->
                events.warning(
                    pod,
                    "FailedMount",
                    "MountVolume.SetUp failed for volume \"" + volume + "\" : " + message));
    return status.ready();
  }

  /**
   * {@code base} (the container's CRI config without environment and mounts) completed with the
   * resolved environment, command and args with {@code $(VAR)} expanded, and the mounts.
   *
   * @param podIp the sandbox's address, or null before it has one
   */
  Outcome complete(Pod pod, Container c, ContainerConfig base, String podIp) {
    var env = ContainerEnv.resolve(c, facts(pod, podIp), sources);
    if (env instanceof ContainerEnv.Failed failed) {
      return new Blocked(failed.message());
    }
    var resolved = (ContainerEnv.Resolved) env;
    resolved.warnings().forEach(w -> events.warning(pod, "InvalidEnvironmentVariableNames", w));
    ContainerConfig.Builder b =
        base.toBuilder()
            .clearEnvs()
            .clearCommand()
            .clearArgs()
            .addAllCommand(ContainerEnv.expand(c.getCommand(), resolved.env()))
            .addAllArgs(ContainerEnv.expand(c.getArgs(), resolved.env()));
    resolved.env().forEach((k, v) -> b.addEnvs(KeyValue.newBuilder().setKey(k).setValue(v)));
    try {
      b.addAllMounts(ContainerMounts.of(pod, c, resolved.env(), volumes));
    } catch (ContainerMounts.Failed e) {
      return new Blocked(e.getMessage());
    }
    if (podIp != null && EtcHosts.managed(pod) && !mountsAt(c, "/etc/hosts")) {
      try {
        b.addMounts(
            Mount.newBuilder()
                .setContainerPath("/etc/hosts")
                .setHostPath(etcHosts(pod, podIp).toString()));
      } catch (IOException e) {
        return new Blocked("cannot write the pod's /etc/hosts: " + e.getMessage());
      }
    }
    return new Ready(b.build());
  }

  /** The cluster's DNS domain, for the pod's fully qualified name in /etc/hosts. */
  void clusterDomain(String domain) {
    this.clusterDomain = domain;
  }

  private Path etcHosts(Pod pod, String podIp) throws IOException {
    Path dir = volumes.podDir(pod.getMetadata().getUid());
    Files.createDirectories(dir);
    Path file = dir.resolve("etc-hosts");
    String content = EtcHosts.of(pod, List.of(podIp), clusterDomain);
    if (!Files.exists(file) || !Files.readString(file).equals(content)) {
      Path tmp = dir.resolve(".etc-hosts.tmp");
      Files.writeString(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return file;
  }

  private static boolean mountsAt(Container c, String path) {
    return c.getVolumeMounts() != null
        && c.getVolumeMounts().stream().anyMatch(m -> path.equals(m.getMountPath()));
  }

  /** Removes the pod's volumes (after its containers are gone). */
  void tearDown(String uid) {
    volumes.tearDown(uid);
  }

  private PodFacts facts(Pod pod, String podIp) {
    return new PodFacts(
        pod,
        podIp == null || podIp.isEmpty() ? List.of() : List.of(podIp),
        List.of(nodeIp),
        sources.allocatable());
  }
}
