package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.v1.ContainerConfig;
import io.nauta.cri.v1.ContainerMetadata;
import io.nauta.cri.v1.ImageSpec;
import io.nauta.cri.v1.PodSandboxConfig;
import io.nauta.cri.v1.PodSandboxMetadata;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pod and its containers as CRI configurations, labelled the way kubelets label them (so a
 * restarted agent finds its sandboxes and containers again). Pure. The environment and mounts are
 * added by {@link ContainerInputs}.
 */
final class CriConfigs {
  static final String POD_UID = "io.kubernetes.pod.uid";
  static final String POD_NAME = "io.kubernetes.pod.name";
  static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
  static final String CONTAINER_NAME = "io.kubernetes.container.name";

  private CriConfigs() {}

  static Map<String, String> podLabels(Pod pod) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(POD_UID, pod.getMetadata().getUid());
    labels.put(POD_NAME, pod.getMetadata().getName());
    labels.put(POD_NAMESPACE, pod.getMetadata().getNamespace());
    return labels;
  }

  static PodSandboxConfig sandbox(Pod pod, Path logs) {
    String hostname =
        pod.getSpec().getHostname() != null
            ? pod.getSpec().getHostname()
            : pod.getMetadata().getName();
    return PodSandboxConfig.newBuilder()
        .setMetadata(
            PodSandboxMetadata.newBuilder()
                .setName(pod.getMetadata().getName())
                .setNamespace(pod.getMetadata().getNamespace())
                .setUid(pod.getMetadata().getUid())
                .setAttempt(0))
        .setHostname(hostname.length() > 63 ? hostname.substring(0, 63) : hostname)
        .setLogDirectory(logs.toString())
        .putAllLabels(podLabels(pod))
        .build();
  }

  static ContainerConfig container(Pod pod, Container c, int attempt) {
    ContainerConfig.Builder b =
        ContainerConfig.newBuilder()
            .setMetadata(ContainerMetadata.newBuilder().setName(c.getName()).setAttempt(attempt))
            .setImage(ImageSpec.newBuilder().setImage(c.getImage()))
            .putAllLabels(podLabels(pod))
            .putLabels(CONTAINER_NAME, c.getName())
            .setLogPath(c.getName() + "/" + attempt + ".log")
            .setStdin(Boolean.TRUE.equals(c.getStdin()))
            .setTty(Boolean.TRUE.equals(c.getTty()));
    if (c.getCommand() != null) {
      b.addAllCommand(c.getCommand());
    }
    if (c.getArgs() != null) {
      b.addAllArgs(c.getArgs());
    }
    if (c.getWorkingDir() != null) {
      b.setWorkingDir(c.getWorkingDir());
    }
    return b.build();
  }
}
