package io.nauta.node.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nauta.api.quantity.Quantity;
import io.nauta.node.sources.FakePodSources;
import io.nauta.node.sources.PodSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimVolumesTest {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final PersistentVolumeClaimVolumeSource DATA =
      new PersistentVolumeClaimVolumeSource("data", null);

  @TempDir Path tmp;

  static PersistentVolumeClaim claim(String extra) {
    return YAML.unmarshal(
        """
        metadata: {name: data, namespace: shop, uid: claim-uid%s}
        spec: {volumeName: %s}
        status: {phase: %s}
        """
            .formatted(
                extra.contains("deleting") ? ", deletionTimestamp: '2026-01-01T00:00:00Z'" : "",
                extra.contains("no-volume") ? "''" : "pv-1",
                extra.contains("pending") ? "Pending" : "Bound"),
        PersistentVolumeClaim.class);
  }

  static PersistentVolume volume(String source, String annotations, String claimRef) {
    return YAML.unmarshal(
        """
        metadata: {name: pv-1, annotations: %s}
        spec:
          claimRef: %s
          %s
        """
            .formatted(annotations, claimRef, source),
        PersistentVolume.class);
  }

  static PersistentVolume hostPathVolume(Path dir, String annotations) {
    return volume(
        "hostPath: {path: '" + dir + "', type: DirectoryOrCreate}",
        annotations,
        "{namespace: shop, name: data, uid: claim-uid}");
  }

  static Stream<Arguments> unmountable() {
    String prefix = "error processing PVC shop/data: ";
    return Stream.of(
        Arguments.of(
            Named.of("no claim", new FakePodSources()),
            prefix
                + "failed to fetch PVC from API server: persistentvolumeclaims \"data\" not found"),
        Arguments.of(
            Named.of("claim being deleted", new FakePodSources().claim(claim("deleting"))),
            prefix + "can't start pod because PVC shop/data is being deleted"),
        Arguments.of(
            Named.of("claim pending", new FakePodSources().claim(claim("pending no-volume"))),
            prefix
                + "PVC shop/data has non-bound phase (\"Pending\") or empty"
                + " pvc.Spec.VolumeName (\"\")"),
        Arguments.of(
            Named.of("no volume", new FakePodSources().claim(claim(""))),
            prefix
                + "failed to fetch PV pv-1 from API server: persistentvolumes \"pv-1\" not found"),
        Arguments.of(
            Named.of(
                "volume bound to nothing",
                new FakePodSources()
                    .claim(claim(""))
                    .volume(volume("hostPath: {path: /tmp}", "{}", "null"))),
            prefix + "found PV object \"pv-1\" but it has a nil or empty ClaimRef"),
        Arguments.of(
            Named.of(
                "volume bound to another claim of that name",
                new FakePodSources()
                    .claim(claim(""))
                    .volume(volume("hostPath: {path: /tmp}", "{}", "{name: data, uid: older}"))),
            prefix
                + "found PV object \"pv-1\" but its ClaimRef.UID \"older\" does not point to"
                + " claim.UID \"claim-uid\""),
        Arguments.of(
            Named.of(
                "an nfs volume",
                new FakePodSources()
                    .claim(claim(""))
                    .volume(
                        volume(
                            "nfs: {server: 10.0.0.9, path: /exports}",
                            "{}",
                            "{name: data, uid: claim-uid}"))),
            "persistentvolume \"pv-1\" cannot be mounted by this node: only hostPath and local"
                + " volumes are supported"),
        Arguments.of(
            Named.of(
                "a local volume whose path is missing",
                new FakePodSources()
                    .claim(claim(""))
                    .volume(
                        volume(
                            "local: {path: /no/such/disk}", "{}", "{name: data, uid: claim-uid}"))),
            "MountVolume.NewMounter initialization failed for volume \"pv-1\" : path"
                + " \"/no/such/disk\" does not exist"),
        Arguments.of(
            Named.of(
                "a local-path volume of another node",
                new FakePodSources()
                    .claim(claim(""))
                    .volume(
                        hostPathVolume(
                            Path.of("/tmp/storage/pvc-claim-uid"),
                            "{pv.kubernetes.io/provisioned-by: nauta.io/local-path,"
                                + " nauta.io/local-path-node: node-b}"))),
            "MountVolume.NodeAffinity check failed for volume \"pv-1\" : no matching"
                + " NodeSelectorTerms (the volume is on node \"node-b\")"),
        Arguments.of(
            Named.of(
                "a hostPath volume failing its type check",
                new FakePodSources()
                    .claim(claim(""))
                    .volume(
                        volume(
                            "hostPath: {path: /no/such/dir, type: Directory}",
                            "{}",
                            "{name: data, uid: claim-uid}"))),
            "hostPath type check failed: /no/such/dir does not exist"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unmountable")
  void aClaimThatCannotBeMountedSaysWhyInTheKubeletsWords(FakePodSources sources, String message) {
    assertThatThrownBy(() -> ClaimVolumes.resolve("shop", "node-a", DATA, sources))
        .isInstanceOf(Projections.Failed.class)
        .hasMessage(message);
  }

  @Test
  void aHostPathVolumeIsItsPathWithoutOwnershipManagement() throws Exception {
    Path dir = tmp.resolve("static/data");
    var sources = new FakePodSources().claim(claim("")).volume(hostPathVolume(dir, "{}"));

    ClaimVolumes.Resolved r = ClaimVolumes.resolve("shop", "node-a", DATA, sources);

    assertThat(r).isEqualTo(new ClaimVolumes.Resolved("pv-1", dir, false));
    assertThat(dir).as("DirectoryOrCreate").isDirectory();
    assertThat(AtomicWriter.mode(Files.getPosixFilePermissions(dir))).isEqualTo(0755);
  }

  @Test
  void aLocalPathVolumeIsMadeWritableForAnyUserAndHasOwnershipManagement() throws Exception {
    Path dir = tmp.resolve("storage/pvc-claim-uid");
    var sources =
        new FakePodSources()
            .claim(claim(""))
            .volume(
                hostPathVolume(
                    dir,
                    "{pv.kubernetes.io/provisioned-by: nauta.io/local-path,"
                        + " nauta.io/local-path-node: node-a}"));

    ClaimVolumes.Resolved r = ClaimVolumes.resolve("shop", "node-a", DATA, sources);

    assertThat(r).isEqualTo(new ClaimVolumes.Resolved("pv-1", dir, true));
    assertThat(AtomicWriter.mode(Files.getPosixFilePermissions(dir))).isEqualTo(0777);
  }

  @Test
  void aLocalVolumeIsItsPathWithOwnershipManagement() throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("disk"));
    var sources =
        new FakePodSources()
            .claim(claim(""))
            .volume(volume("local: {path: '" + disk + "'}", "{}", "{name: data, uid: claim-uid}"));

    assertThat(ClaimVolumes.resolve("shop", "node-a", DATA, sources))
        .isEqualTo(new ClaimVolumes.Resolved("pv-1", disk, true));
  }

  @Test
  void anApiServerThatCannotAnswerIsAFailureToRetry() {
    PodSources down =
        new PodSources() {
          @Override
          public Optional<PersistentVolumeClaim> persistentVolumeClaim(String ns, String name) {
            throw new IllegalStateException("connection refused");
          }

          @Override
          public Optional<PersistentVolume> persistentVolume(String name) {
            throw new IllegalStateException("connection refused");
          }

          @Override
          public Optional<ConfigMap> configMap(String ns, String name) {
            return Optional.empty();
          }

          @Override
          public Optional<Secret> secret(String ns, String name) {
            return Optional.empty();
          }

          @Override
          public Map<String, Quantity> allocatable() {
            return Map.of();
          }
        };
    assertThatThrownBy(() -> ClaimVolumes.resolve("shop", "node-a", DATA, down))
        .isInstanceOf(Projections.Failed.class)
        .hasMessage(
            "error processing PVC shop/data: failed to fetch PVC from API server: connection"
                + " refused");
  }
}
