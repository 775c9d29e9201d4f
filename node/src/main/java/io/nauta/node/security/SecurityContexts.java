package io.nauta.node.security;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.nauta.cri.v1.Capability;
import io.nauta.cri.v1.Image;
import io.nauta.cri.v1.Int64Value;
import io.nauta.cri.v1.LinuxContainerSecurityContext;
import io.nauta.cri.v1.LinuxSandboxSecurityContext;
import io.nauta.cri.v1.NamespaceMode;
import io.nauta.cri.v1.NamespaceOption;
import io.nauta.cri.v1.SecurityProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Linux security settings of a sandbox and of each container. {@code runAsUser}, {@code
 * runAsGroup}, {@code runAsNonRoot} and {@code seccompProfile} of a container override the pod's;
 * {@code supplementalGroups} and {@code fsGroup} are the pod's alone (both become supplementary
 * groups of every container's process). {@code allowPrivilegeEscalation: false} sets no_new_privs.
 */
public final class SecurityContexts {
  /** Where {@code Localhost} seccomp profiles are found, as a kubelet's default root has them. */
  static final java.nio.file.Path SECCOMP_ROOT = java.nio.file.Path.of("/var/lib/kubelet/seccomp");

  private SecurityContexts() {}

  /** The sandbox's settings: host namespaces, the pod's user and groups, privileged if any is. */
  public static LinuxSandboxSecurityContext sandbox(Pod pod) {
    PodSecurityContext psc = podContext(pod);
    LinuxSandboxSecurityContext.Builder b =
        LinuxSandboxSecurityContext.newBuilder()
            .setNamespaceOptions(namespaces(pod))
            .addAllSupplementalGroups(groups(psc))
            .setPrivileged(
                allContainers(pod).stream()
                    .anyMatch(
                        c ->
                            c.getSecurityContext() != null
                                && Boolean.TRUE.equals(c.getSecurityContext().getPrivileged())));
    if (psc.getRunAsUser() != null) {
      b.setRunAsUser(Int64Value.newBuilder().setValue(psc.getRunAsUser()));
    }
    if (psc.getRunAsGroup() != null) {
      b.setRunAsGroup(Int64Value.newBuilder().setValue(psc.getRunAsGroup()));
    }
    profile(psc.getSeccompProfile()).ifPresent(b::setSeccomp);
    return b.build();
  }

  /** Container {@code c}'s settings, the pod's merged in. */
  public static LinuxContainerSecurityContext container(Pod pod, Container c) {
    PodSecurityContext psc = podContext(pod);
    SecurityContext sc =
        c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
    LinuxContainerSecurityContext.Builder b =
        LinuxContainerSecurityContext.newBuilder()
            .setNamespaceOptions(namespaces(pod))
            .addAllSupplementalGroups(groups(psc))
            .setPrivileged(Boolean.TRUE.equals(sc.getPrivileged()))
            .setReadonlyRootfs(Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()))
            .setNoNewPrivs(Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()));
    Long user = runAsUser(pod, c);
    if (user != null) {
      b.setRunAsUser(Int64Value.newBuilder().setValue(user));
    }
    Long group = sc.getRunAsGroup() != null ? sc.getRunAsGroup() : psc.getRunAsGroup();
    if (group != null) {
      b.setRunAsGroup(Int64Value.newBuilder().setValue(group));
    }
    if (sc.getCapabilities() != null) {
      b.setCapabilities(
          Capability.newBuilder()
              .addAllAddCapabilities(sc.getCapabilities().getAdd())
              .addAllDropCapabilities(sc.getCapabilities().getDrop()));
    }
    profile(sc.getSeccompProfile() != null ? sc.getSeccompProfile() : psc.getSeccompProfile())
        .ifPresent(b::setSeccomp);
    return b.build();
  }

  /**
   * Why container {@code c} must not be created under {@code runAsNonRoot}, or empty: its effective
   * {@code runAsUser} is 0, or it has none and the image runs as root (uid 0, or no user at all) or
   * as a user name that cannot be verified. {@code image} is the runtime's status of the
   * container's image ({@code null}: unknown, taken as root).
   */
  public static Optional<String> verifyRunAsNonRoot(Pod pod, Container c, Image image) {
    SecurityContext sc = c.getSecurityContext();
    Boolean nonRoot =
        sc != null && sc.getRunAsNonRoot() != null
            ? sc.getRunAsNonRoot()
            : podContext(pod).getRunAsNonRoot();
    if (!Boolean.TRUE.equals(nonRoot)) {
      return Optional.empty();
    }
    String where = "(pod: \"" + podRef(pod) + "\", container: " + c.getName() + ")";
    Long user = runAsUser(pod, c);
    if (user != null) {
      return user == 0
          ? Optional.of("container's runAsUser breaks non-root policy " + where)
          : Optional.empty();
    }
    if (image != null && image.hasUid()) {
      return image.getUid().getValue() == 0
          ? Optional.of("container has runAsNonRoot and image will run as root " + where)
          : Optional.empty();
    }
    if (image != null && !image.getUsername().isEmpty()) {
      return Optional.of(
          "container has runAsNonRoot and image has non-numeric user ("
              + image.getUsername()
              + "), cannot verify user is non-root "
              + where);
    }
    return Optional.of("container has runAsNonRoot and image will run as root " + where);
  }

  private static Long runAsUser(Pod pod, Container c) {
    SecurityContext sc = c.getSecurityContext();
    return sc != null && sc.getRunAsUser() != null
        ? sc.getRunAsUser()
        : podContext(pod).getRunAsUser();
  }

  private static String podRef(Pod pod) {
    return pod.getMetadata().getName()
        + "_"
        + pod.getMetadata().getNamespace()
        + "("
        + pod.getMetadata().getUid()
        + ")";
  }

  private static PodSecurityContext podContext(Pod pod) {
    return pod.getSpec().getSecurityContext() == null
        ? new PodSecurityContext()
        : pod.getSpec().getSecurityContext();
  }

  /** supplementalGroups then fsGroup (if not already among them). */
  private static List<Long> groups(PodSecurityContext psc) {
    List<Long> groups = new ArrayList<>(psc.getSupplementalGroups());
    if (psc.getFsGroup() != null && !groups.contains(psc.getFsGroup())) {
      groups.add(psc.getFsGroup());
    }
    return groups;
  }

  /** Host network, PID and IPC namespaces; a shared process namespace puts PIDs at pod level. */
  static NamespaceOption namespaces(Pod pod) {
    var spec = pod.getSpec();
    return NamespaceOption.newBuilder()
        .setNetwork(
            Boolean.TRUE.equals(spec.getHostNetwork()) ? NamespaceMode.NODE : NamespaceMode.POD)
        .setPid(
            Boolean.TRUE.equals(spec.getHostPID())
                ? NamespaceMode.NODE
                : Boolean.TRUE.equals(spec.getShareProcessNamespace())
                    ? NamespaceMode.POD
                    : NamespaceMode.CONTAINER)
        .setIpc(Boolean.TRUE.equals(spec.getHostIPC()) ? NamespaceMode.NODE : NamespaceMode.POD)
        .build();
  }

  /**
   * A seccomp profile as the runtime's; absent when none is given (the runtime runs unconfined).
   */
  static Optional<SecurityProfile> profile(SeccompProfile p) {
    if (p == null || p.getType() == null) {
      return Optional.empty();
    }
    return switch (p.getType()) {
      case "RuntimeDefault" ->
          Optional.of(
              SecurityProfile.newBuilder()
                  .setProfileType(SecurityProfile.ProfileType.RuntimeDefault)
                  .build());
      case "Unconfined" ->
          Optional.of(
              SecurityProfile.newBuilder()
                  .setProfileType(SecurityProfile.ProfileType.Unconfined)
                  .build());
      case "Localhost" ->
          Optional.of(
              SecurityProfile.newBuilder()
                  .setProfileType(SecurityProfile.ProfileType.Localhost)
                  .setLocalhostRef(
                      SECCOMP_ROOT
                          .resolve(p.getLocalhostProfile() == null ? "" : p.getLocalhostProfile())
                          .toString())
                  .build());
      default -> Optional.empty();
    };
  }

  private static List<Container> allContainers(Pod pod) {
    List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers());
    all.addAll(pod.getSpec().getContainers());
    return all;
  }
}
