package io.nauta.node.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nauta.cri.v1.Mount;
import io.nauta.node.env.PodFacts;
import io.nauta.node.sources.FakePodSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodVolumesTest {
  @TempDir Path tmp;
  private final FakePodSources sources = new FakePodSources();

  private Pod pod(String volumes, String mounts) {
    return new KubernetesSerialization()
        .unmarshal(
            """
            metadata: {name: web, namespace: shop, uid: uid-1}
            spec:
              containers:
              - name: c
                image: busybox
                volumeMounts: %s
              volumes: %s
            """
                .formatted(mounts, volumes),
            Pod.class);
  }

  private PodVolumes volumes() {
    return new PodVolumes(tmp.resolve("volumes"), sources, Clock.systemUTC());
  }

  private static PodFacts facts(Pod pod) {
    return new PodFacts(pod, List.of(), List.of("10.0.0.1"), Map.of());
  }

  @Test
  void aConfigMapVolumeWaitsForItsConfigMapThenFollowsIt() throws IOException {
    PodVolumes volumes = volumes();
    Pod pod = pod("[{name: cfg, configMap: {name: app}}]", "[{name: cfg, mountPath: /etc/app}]");

    PodVolumes.Status first = volumes.setUp(facts(pod));
    assertThat(first.ready()).isFalse();
    assertThat(first.newFailures()).containsEntry("cfg", "configmap \"app\" not found");
    assertThat(volumes.setUp(facts(pod)).newFailures()).as("reported once").isEmpty();

    sources.configMap("shop", "app", Map.of("greeting", "hello"));
    assertThat(volumes.setUp(facts(pod))).isEqualTo(new PodVolumes.Status(true, Map.of()));
    Path dir = volumes.path(pod, "cfg").orElseThrow();
    assertThat(dir).isEqualTo(tmp.resolve("volumes/uid-1/kubernetes.io~configmap/cfg"));
    assertThat(Files.readString(dir.resolve("greeting"))).isEqualTo("hello");

    sources.configMap("shop", "app", Map.of("greeting", "bonjour"));
    volumes.setUp(facts(pod));
    assertThat(Files.readString(dir.resolve("greeting"))).isEqualTo("bonjour");

    sources.removeConfigMap("shop", "app");
    PodVolumes.Status gone = volumes.setUp(facts(pod));
    assertThat(gone.ready()).as("once set up, a volume stays usable").isTrue();
    assertThat(gone.newFailures()).containsKey("cfg");
    assertThat(Files.readString(dir.resolve("greeting"))).isEqualTo("bonjour");
  }

  @Test
  void emptyDirsAndHostPathsBecomeMountsAndAreRemovedWithThePod() throws IOException {
    Path host = tmp.resolve("host/data");
    PodVolumes volumes = volumes();
    Pod pod =
        pod(
            "[{name: scratch, emptyDir: {}}, {name: cfg, configMap: {name: app}},"
                + " {name: data, hostPath: {path: '"
                + host
                + "', type: DirectoryOrCreate}}]",
            "[{name: scratch, mountPath: /scratch},"
                + " {name: cfg, mountPath: /etc/app},"
                + " {name: data, mountPath: /data, readOnly: true, subPath: logs}]");
    sources.configMap("shop", "app", Map.of("k", "v"));

    assertThat(volumes.setUp(facts(pod)).ready()).isTrue();
    assertThat(host).isDirectory();
    List<Mount> mounts =
        ContainerMounts.of(pod, pod.getSpec().getContainers().get(0), Map.of(), volumes);

    Path scratch = tmp.resolve("volumes/uid-1/kubernetes.io~empty-dir/scratch");
    assertThat(mounts)
        .extracting(Mount::getContainerPath, Mount::getHostPath, Mount::getReadonly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/scratch", scratch.toString(), false),
            org.assertj.core.groups.Tuple.tuple(
                "/etc/app",
                tmp.resolve("volumes/uid-1/kubernetes.io~configmap/cfg").toString(),
                true),
            org.assertj.core.groups.Tuple.tuple(
                "/data", host.resolve("logs").toRealPath().toString(), true));
    assertThat(AtomicWriter.mode(Files.getPosixFilePermissions(scratch))).isEqualTo(0777);

    volumes.tearDown("uid-1");
    assertThat(tmp.resolve("volumes/uid-1")).doesNotExist();
    assertThat(host).as("hostPath contents are the host's").isDirectory();
  }

  @Test
  void hostPathTypesAreChecked() throws IOException {
    PodVolumes volumes = volumes();
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Pod pod =
        pod(
            "[{name: d, hostPath: {path: '" + file + "', type: Directory}}]",
            "[{name: d, mountPath: /d}]");
    assertThat(volumes.setUp(facts(pod)).newFailures())
        .containsEntry("d", "hostPath type check failed: " + file + " is not a directory");
    assertThat(HostPaths.check(tmp.resolve("none").toString(), "File"))
        .contains("hostPath type check failed: " + tmp.resolve("none") + " does not exist");
    assertThat(HostPaths.check(tmp.resolve("new").toString(), "FileOrCreate")).isEmpty();
    assertThat(tmp.resolve("new")).isRegularFile();
    assertThat(HostPaths.check(file.toString(), "Socket"))
        .contains("hostPath type check failed: " + file + " is not a socket file");
    assertThat(HostPaths.check("/dev/null", "CharDevice")).isEmpty();
    assertThat(HostPaths.check(file.toString(), "")).isEmpty();
  }

  @Test
  void subPathExprIsExpandedAndSubPathsCannotEscape() throws IOException {
    PodVolumes volumes = volumes();
    Pod pod =
        pod(
            "[{name: scratch, emptyDir: {}}]",
            "[{name: scratch, mountPath: /logs, subPathExpr: '$(POD)/logs'}]");
    volumes.setUp(facts(pod));
    var c = pod.getSpec().getContainers().get(0);

    List<Mount> mounts = ContainerMounts.of(pod, c, Map.of("POD", "web"), volumes);
    Path scratch = volumes.path(pod, "scratch").orElseThrow();
    assertThat(mounts.get(0).getHostPath()).isEqualTo(scratch.resolve("web/logs").toString());
    assertThat(scratch.resolve("web/logs")).isDirectory();

    assertThatThrownBy(() -> ContainerMounts.of(pod, c, Map.of(), volumes))
        .hasMessage("missing value for POD");
    assertThatThrownBy(() -> ContainerMounts.inside(scratch, "../x"))
        .hasMessage("unable to provision SubPath `../x`: must not contain '..'");
    assertThatThrownBy(() -> ContainerMounts.inside(scratch, "/etc"))
        .hasMessage("error SubPath `/etc` must not be an absolute path");
    Files.createSymbolicLink(scratch.resolve("out"), Path.of("/etc"));
    assertThatThrownBy(() -> ContainerMounts.inside(scratch, "out"))
        .hasMessageContaining("not within volume path");
  }

  @Test
  void aMountOfAnUndeclaredVolumeFails() {
    PodVolumes volumes = volumes();
    Pod pod = pod("[]", "[{name: nope, mountPath: /x}]");
    assertThatThrownBy(
            () -> ContainerMounts.of(pod, pod.getSpec().getContainers().get(0), Map.of(), volumes))
        .hasMessage("cannot find volume \"nope\" to mount into container \"c\"");
  }

  @Test
  void memoryVolumesAreSizedByTheSmallestOfNodePodAndVolumeLimits() {
    Pod limited =
        new KubernetesSerialization()
            .unmarshal(
                """
                metadata: {name: web, namespace: shop, uid: uid-1}
                spec:
                  containers:
                  - {name: a, image: x, resources: {limits: {memory: 64Mi}}}
                  - {name: b, image: x, resources: {limits: {memory: 32Mi}}}
                  volumes:
                  - {name: big, emptyDir: {medium: Memory, sizeLimit: 1Gi}}
                  - {name: small, emptyDir: {medium: Memory, sizeLimit: 1Mi}}
                """,
                Pod.class);
    Pod open = pod("[{name: m, emptyDir: {medium: Memory}}]", "[]");
    var node = Map.of("memory", io.nauta.api.quantity.Quantity.parse("4Gi"));
    PodFacts facts = new PodFacts(limited, List.of(), List.of(), node);
    assertThat(PodVolumes.memorySize(limited.getSpec().getVolumes().get(0), facts))
        .isEqualTo(96L << 20);
    assertThat(PodVolumes.memorySize(limited.getSpec().getVolumes().get(1), facts))
        .isEqualTo(1L << 20);
    assertThat(
            PodVolumes.memorySize(
                open.getSpec().getVolumes().get(0), new PodFacts(open, List.of(), List.of(), node)))
        .isEqualTo(4L << 30);
    assertThat(PodVolumes.memorySize(open.getSpec().getVolumes().get(0), facts(open))).isZero();
  }

  @Test
  void orphanedVolumesAreRemoved() throws IOException {
    PodVolumes volumes = volumes();
    Files.createDirectories(tmp.resolve("volumes/gone/kubernetes.io~empty-dir/x"));
    Files.createDirectories(tmp.resolve("volumes/kept/kubernetes.io~empty-dir/x"));
    volumes.removeOrphans("kept"::equals);
    assertThat(tmp.resolve("volumes/gone")).doesNotExist();
    assertThat(tmp.resolve("volumes/kept")).isDirectory();
  }

  private static Pod claimPod(String securityContext, String claimSource, String mounts) {
    return new KubernetesSerialization()
        .unmarshal(
            """
            metadata: {name: db, namespace: shop, uid: uid-2}
            spec:
              securityContext: %s
              containers:
              - {name: c, image: busybox, volumeMounts: %s}
              volumes:
              - {name: data, persistentVolumeClaim: %s}
            """
                .formatted(securityContext, mounts, claimSource),
            Pod.class);
  }

  @Test
  void aClaimVolumeWaitsForItsClaimToBeBoundThenMountsItsVolume() throws IOException {
    PodVolumes volumes = volumes();
    Path dir = tmp.resolve("storage/pvc-claim-uid");
    Pod pod =
        claimPod(
            "{}",
            "{claimName: data}",
            "[{name: data, mountPath: /data}, {name: data, mountPath: /ro, readOnly: true},"
                + " {name: data, mountPath: /logs, subPath: logs}]");
    var c = pod.getSpec().getContainers().get(0);

    PodVolumes.Status missing = volumes.setUp(facts(pod));
    assertThat(missing.ready()).isFalse();
    assertThat(missing.newFailures())
        .containsExactly(
            Map.entry(
                "data",
                "error processing PVC shop/data: failed to fetch PVC from API server:"
                    + " persistentvolumeclaims \"data\" not found"));
    assertThat(volumes.setUp(facts(pod)).newFailures()).as("reported once").isEmpty();
    assertThatThrownBy(() -> ContainerMounts.of(pod, c, Map.of(), volumes))
        .hasMessage("cannot find volume \"data\" to mount into container \"c\"");

    sources.claim(ClaimVolumesTest.claim("pending no-volume"));
    assertThat(volumes.setUp(facts(pod)).newFailures().get("data"))
        .endsWith(
            "PVC shop/data has non-bound phase (\"Pending\") or empty pvc.Spec.VolumeName (\"\")");

    sources
        .claim(ClaimVolumesTest.claim(""))
        .volume(
            ClaimVolumesTest.hostPathVolume(
                dir, "{pv.kubernetes.io/provisioned-by: nauta.io/local-path}"));
    assertThat(volumes.setUp(facts(pod))).isEqualTo(new PodVolumes.Status(true, Map.of()));
    assertThat(ContainerMounts.of(pod, c, Map.of(), volumes))
        .extracting(Mount::getContainerPath, Mount::getHostPath, Mount::getReadonly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/data", dir.toString(), false),
            org.assertj.core.groups.Tuple.tuple("/ro", dir.toString(), true),
            org.assertj.core.groups.Tuple.tuple("/logs", dir.resolve("logs").toString(), false));
    assertThat(dir.resolve("logs")).isDirectory();

    Files.writeString(dir.resolve("kept"), "x");
    volumes.tearDown("uid-2");
    assertThat(dir.resolve("kept")).as("a claim's data is the volume's").hasContent("x");
  }

  @Test
  void aReadOnlyClaimIsMountedReadOnlyEverywhere() throws IOException {
    PodVolumes volumes = volumes();
    sources
        .claim(ClaimVolumesTest.claim(""))
        .volume(ClaimVolumesTest.hostPathVolume(tmp.resolve("static"), "{}"));
    Pod pod =
        claimPod("{}", "{claimName: data, readOnly: true}", "[{name: data, mountPath: /data}]");

    assertThat(volumes.setUp(facts(pod)).ready()).isTrue();
    assertThat(ContainerMounts.of(pod, pod.getSpec().getContainers().get(0), Map.of(), volumes))
        .extracting(Mount::getReadonly)
        .containsExactly(true);
  }

  @Test
  void fsGroupOwnsLocalPathClaimsButNotPlainHostPathClaims() throws Exception {
    Path local = tmp.resolve("storage/pvc-claim-uid");
    Files.createDirectories(local.resolve("sub"));
    sources
        .claim(ClaimVolumesTest.claim(""))
        .volume(
            ClaimVolumesTest.hostPathVolume(
                local, "{pv.kubernetes.io/provisioned-by: nauta.io/local-path}"));
    Pod pod = claimPod("{fsGroup: 2345}", "{claimName: data}", "[{name: data, mountPath: /d}]");
    assertThat(volumes().setUp(facts(pod)).ready()).isTrue();
    assertThat((int) Files.getAttribute(local.resolve("sub"), "unix:gid")).isEqualTo(2345);
    assertThat((int) Files.getAttribute(local, "unix:mode") & 07000).isEqualTo(02000);

    Path plain = Files.createDirectories(tmp.resolve("static"));
    sources.volume(ClaimVolumesTest.hostPathVolume(plain, "{}"));
    assertThat(volumes().setUp(facts(pod)).ready()).isTrue();
    assertThat((int) Files.getAttribute(plain, "unix:gid")).isZero();
  }
}
