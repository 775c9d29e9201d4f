package io.nauta.node.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.CriClient;
import io.nauta.cri.v1.Container;
import io.nauta.cri.v1.ContainerFilter;
import io.nauta.cri.v1.PodSandboxFilter;
import io.nauta.cri.v1.PodSandboxState;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds a pod's sandbox, containers and log files as the {@link PodWorker} laid them out: CRI
 * objects by the kubelet labels {@link CriConfigs} puts on them, logs under {@code
 * <root>/<namespace>_<name>_<uid>/<container>/<attempt>.log}. For the agent's API (logs, exec,
 * attach, port-forward). Thread-safe.
 */
public final class PodContainers {
  private PodContainers() {}

  /** The pod's log directory under the agent's pod log root (the sandbox's log_directory). */
  public static Path logDirectory(Path root, Pod pod) {
    return root.resolve(
        pod.getMetadata().getNamespace()
            + "_"
            + pod.getMetadata().getName()
            + "_"
            + pod.getMetadata().getUid());
  }

  /** The latest attempt of the named container of the pod, in any state. */
  public static Optional<Container> latest(CriClient cri, Pod pod, String container) {
    return cri
        .listContainers(
            ContainerFilter.newBuilder()
                .putLabelSelector(CriConfigs.POD_UID, pod.getMetadata().getUid())
                .putLabelSelector(CriConfigs.CONTAINER_NAME, container)
                .build())
        .stream()
        .max(Comparator.comparingInt(c -> c.getMetadata().getAttempt()));
  }

  /** The pod's ready sandbox, if it has one. */
  public static Optional<String> sandboxId(CriClient cri, Pod pod) {
    return cri
        .listPodSandbox(
            PodSandboxFilter.newBuilder()
                .putLabelSelector(CriConfigs.POD_UID, pod.getMetadata().getUid())
                .build())
        .stream()
        .filter(s -> s.getState() == PodSandboxState.SANDBOX_READY)
        .map(s -> s.getId())
        .findFirst();
  }

  /** The label naming the pod's UID on its CRI objects. */
  public static String podUidLabel() {
    return CriConfigs.POD_UID;
  }

  /** The label naming the container on its CRI container. */
  public static String containerNameLabel() {
    return CriConfigs.CONTAINER_NAME;
  }
}
