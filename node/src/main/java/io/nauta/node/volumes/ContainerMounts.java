package io.nauta.node.volumes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.nauta.cri.v1.Mount;
import io.nauta.cri.v1.MountPropagation;
import io.nauta.node.env.Expansion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A container's {@code volumeMounts} as CRI mounts, as kubelets make them: the volume's directory
 * (or a hostPath's path), or with {@code subPath} (or {@code subPathExpr}, expanded against the
 * container's environment) a path inside it, created as a directory when missing and never allowed
 * to leave the volume; read-only when asked or when the volume is an API-data volume; {@code
 * mountPropagation} passed on. Failures are kubelet's messages and keep the container from being
 * created.
 */
public final class ContainerMounts {
  private ContainerMounts() {}

  /** Why a container's mounts cannot be made. */
  public static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The CRI mounts of {@code container}.
   *
   * @param env the container's resolved environment (for {@code subPathExpr})
   * @throws Failed when a volume is missing or a sub-path is invalid or escapes its volume
   */
  public static List<Mount> of(
      Pod pod, Container container, Map<String, String> env, PodVolumes volumes) {
    List<Mount> out = new ArrayList<>();
    for (VolumeMount m :
        container.getVolumeMounts() == null
            ? List.<VolumeMount>of()
            : container.getVolumeMounts()) {
      Path volume =
          volumes
              .path(pod, m.getName())
              .orElseThrow(
                  () ->
                      new Failed(
                          "cannot find volume \""
                              + m.getName()
                              + "\" to mount into container \""
                              + container.getName()
                              + "\""));
      String subPath = subPath(m, env);
      Path host = subPath.isEmpty() ? volume : inside(volume, subPath);
      out.add(
          Mount.newBuilder()
              .setContainerPath(m.getMountPath())
              .setHostPath(host.toString())
              .setReadonly(
                  Boolean.TRUE.equals(m.getReadOnly()) || PodVolumes.readOnly(pod, m.getName()))
              .setPropagation(propagation(m.getMountPropagation()))
              .build());
    }
    return out;
  }

  private static String subPath(VolumeMount m, Map<String, String> env) {
    if (m.getSubPathExpr() != null && !m.getSubPathExpr().isEmpty()) {
      TreeSet<String> missing = new TreeSet<>();
      String expanded =
          Expansion.expand(
              m.getSubPathExpr(),
              name -> {
                String value = env.get(name);
                if (value == null || value.isEmpty()) {
                  missing.add(name);
                }
                return value == null ? "" : value;
              });
      if (!missing.isEmpty()) {
        throw new Failed("missing value for " + String.join(", ", missing));
      }
      return expanded;
    }
    return m.getSubPath() == null ? "" : m.getSubPath();
  }

  /** {@code volume/subPath}, made a directory when missing, and proven to stay in the volume. */
  static Path inside(Path volume, String subPath) {
    Path relative = Path.of(subPath);
    if (relative.isAbsolute()) {
      throw new Failed("error SubPath `" + subPath + "` must not be an absolute path");
    }
    for (Path part : relative) {
      if (part.toString().equals("..")) {
        throw new Failed("unable to provision SubPath `" + subPath + "`: must not contain '..'");
      }
    }
    try {
      Path base = volume.toRealPath();
      Path target = volume.resolve(relative);
      if (!Files.exists(target)) {
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(base));
      }
      Path real = target.toRealPath();
      if (!real.startsWith(base)) {
        throw new Failed("subpath \"" + real + "\" not within volume path \"" + base + "\"");
      }
      return real;
    } catch (IOException e) {
      throw new Failed("failed to prepare subPath for volumeMount: " + e.getMessage());
    }
  }

  private static MountPropagation propagation(String mode) {
    if ("HostToContainer".equals(mode)) {
      return MountPropagation.PROPAGATION_HOST_TO_CONTAINER;
    }
    if ("Bidirectional".equals(mode)) {
      return MountPropagation.PROPAGATION_BIDIRECTIONAL;
    }
    return MountPropagation.PROPAGATION_PRIVATE;
  }
}
