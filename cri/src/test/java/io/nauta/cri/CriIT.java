package io.nauta.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.cri.testing.LocalRegistry;
import io.nauta.cri.testing.TestImages;
import io.nauta.cri.v1.*;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real pods on a containerd of our own: images built locally, pulled over plain HTTP from a
 * registry on loopback, sandboxes on a CNI bridge of their own. Leaves nothing behind but what is
 * global and shared (ip_forward, top-level CNI iptables chains).
 */
class CriIT {
  private static Path dir;
  private static ContainerdConfig config;
  private static LocalRegistry registry;
  private static Containerd containerd;
  private static CriClient cri;
  private static String image;

  @BeforeAll
  static void startContainerd() throws Exception {
    // short path: the socket path must fit in sockaddr_un
    dir = Files.createTempDirectory(Path.of("/tmp"), "nauta-cri-");
    var random = ThreadLocalRandom.current();
    String bridge = "ncri" + HexFormat.of().toHexDigits((short) random.nextInt());
    config =
        ContainerdConfig.defaults(dir.resolve("containerd"))
            .withBridgeName(bridge)
            .withPodCidr("10.213." + random.nextInt(256) + ".0/24");
    registry = LocalRegistry.start(dir.resolve("registry"));
    containerd = Containerd.start(config);
    ContainerdFiles.addPlainHttpRegistry(config, registry.hostPort());
    TestImages.build(dir.resolve("images"), containerd.socket(), registry.hostPort());
    cri = containerd.client();
    image = TestImages.busyboxAt(registry.hostPort());
    cri.pullImage(image, null, null);
  }

  @AfterAll
  static void cleanUp() {
    try {
      if (cri != null) {
        for (PodSandbox pod : cri.listPodSandbox(null)) {
          cri.stopPodSandbox(pod.getId());
          cri.removePodSandbox(pod.getId());
        }
      }
    } finally {
      if (containerd != null) containerd.close();
      if (registry != null) registry.close();
      if (config != null) HostCleanup.deleteLink(config.bridgeName());
      if (dir != null) HostCleanup.removeDirectory(dir);
    }
  }

  @Test
  void runsPodWhoseHttpServerAnswersFromTheHostAndExecs() throws Exception {
    assertThat(cri.version().getRuntimeName()).isEqualTo("containerd");
    assertThat(cri.imageStatus(image)).isPresent();

    PodSandboxConfig pod = sandboxConfig("web");
    long t0 = System.nanoTime();
    String podId = cri.runPodSandbox(pod);
    long t1 = System.nanoTime();
    String containerId =
        cri.createContainer(
            podId, container("httpd", "/bin/httpd", "-f", "-p", "8080", "-h", "/www"), pod);
    long t2 = System.nanoTime();
    cri.startContainer(containerId);
    long t3 = System.nanoTime();
    System.out.printf(
        "CRI timings: RunPodSandbox %d ms | CreateContainer %d ms | StartContainer %d ms%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);

    PodSandboxStatus status = cri.podSandboxStatus(podId);
    assertThat(status.getState()).isEqualTo(PodSandboxState.SANDBOX_READY);
    String ip = status.getNetwork().getIp();
    assertThat(ip).startsWith(config.podCidr().substring(0, config.podCidr().lastIndexOf('.')));

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    var request = HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).build();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("hello from nauta\n"));

    ExecResult hi = cri.execSync(containerId, List.of("echo", "hi"), Duration.ofSeconds(5));
    assertThat(hi.exitCode()).isZero();
    assertThat(hi.stdoutText()).isEqualTo("hi\n");

    cri.stopContainer(containerId, Duration.ofSeconds(1));
    assertThat(cri.containerStatus(containerId).getState())
        .isEqualTo(ContainerState.CONTAINER_EXITED);
    cri.removeContainer(containerId);
    cri.stopPodSandbox(podId);
    cri.removePodSandbox(podId);
    assertThat(cri.listPodSandbox(null)).extracting(PodSandbox::getId).doesNotContain(podId);
  }

  @Test
  void reportsTheExitCodeOfAFinishedContainer() {
    PodSandboxConfig pod = sandboxConfig("exit3");
    String podId = cri.runPodSandbox(pod);
    String containerId =
        cri.createContainer(podId, container("fail", "/bin/sh", "-c", "exit 3"), pod);
    cri.startContainer(containerId);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> cri.containerStatus(containerId).getState() == ContainerState.CONTAINER_EXITED);
    ContainerStatus status = cri.containerStatus(containerId);
    assertThat(status.getExitCode()).isEqualTo(3);
    assertThat(status.getReason()).isEqualTo("Error");
    // containerd stamps startedAt when its start call returns, which for a process that exits at
    // once can be a fraction of a millisecond after the exit it stamps as finishedAt
    assertThat(status.getFinishedAt())
        .isPositive()
        .isGreaterThanOrEqualTo(status.getStartedAt() - Duration.ofSeconds(1).toNanos());

    cri.stopPodSandbox(podId);
    cri.removePodSandbox(podId);
  }

  @Test
  void mapsAnUnknownContainerToNotFound() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> cri.containerStatus("no-such-container"))
        .isInstanceOfSatisfying(CriException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void adoptsAnExistingSocketWithoutStartingOrStoppingAProcess() {
    try (var existing = Containerd.existing(config.socket())) {
      assertThat(existing.pid()).isEmpty();
      assertThat(existing.client().listImages(null))
          .flatExtracting(Image::getRepoTagsList)
          .contains(TestImages.SANDBOX, image);
      assertThat(existing.client().imageFsInfo()).isNotEmpty();
    }
    assertThat(cri.version().getRuntimeApiVersion()).isEqualTo("v1");
  }

  private static PodSandboxConfig sandboxConfig(String name) {
    String uid = UUID.randomUUID().toString();
    return PodSandboxConfig.newBuilder()
        .setMetadata(
            PodSandboxMetadata.newBuilder().setName(name).setNamespace("default").setUid(uid))
        .setHostname(name)
        .setLogDirectory(dir.resolve("logs").resolve(uid).toString())
        .putLabels("io.kubernetes.pod.name", name)
        .setLinux(
            LinuxPodSandboxConfig.newBuilder()
                .setSecurityContext(
                    LinuxSandboxSecurityContext.newBuilder()
                        .setNamespaceOptions(NamespaceOption.newBuilder())))
        .build();
  }

  private static ContainerConfig container(String name, String... command) {
    return ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(name))
        .setImage(ImageSpec.newBuilder().setImage(image))
        .addAllCommand(List.of(command))
        .setLogPath(name + "/0.log")
        .setLinux(
            LinuxContainerConfig.newBuilder()
                .setSecurityContext(
                    LinuxContainerSecurityContext.newBuilder()
                        .setNamespaceOptions(
                            NamespaceOption.newBuilder().setPid(NamespaceMode.CONTAINER))))
        .build();
  }
}
