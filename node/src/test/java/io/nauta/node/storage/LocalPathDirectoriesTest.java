package io.nauta.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPathDirectoriesTest {
  @TempDir Path tmp;

  private PersistentVolume volume(String name, String node, String path, boolean deleting) {
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToAnnotations(LocalPathDirectories.PROVISIONED_BY, LocalPathDirectories.PROVISIONER)
        .addToAnnotations(LocalPathDirectories.VOLUME_NODE, node)
        .withFinalizers(LocalPathDirectories.CLEANUP_FINALIZER, "kubernetes.io/pv-protection")
        .withDeletionTimestamp(deleting ? "2026-12-01T00:00:00Z" : null)
        .endMetadata()
        .withNewSpec()
        .withNewHostPath()
        .withPath(path)
        .endHostPath()
        .endSpec()
        .build();
  }

  @Test
  void makesTheDirectoriesOfThisNodesVolumesWritableByAnyone() throws Exception {
    Path root = tmp.resolve("storage");
    LocalPathDirectories dirs = new LocalPathDirectories(root, "n1");
    List<PersistentVolume> cleaned =
        dirs.reconcile(
            List.of(
                volume("pvc-1", "n1", root + "/pvc-1", false),
                volume("pvc-2", "n2", root + "/pvc-2", false)));
    assertThat(cleaned).isEmpty();
    assertThat(root.resolve("pvc-1")).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("pvc-1"))))
        .isEqualTo("rwxrwxrwx");
    assertThat(root.resolve("pvc-2")).doesNotExist();
  }

  @Test
  void removesTheDirectoryOfADeletedVolumeWithItsFilesAndReportsIt() throws Exception {
    Path root = tmp.resolve("storage");
    LocalPathDirectories dirs = new LocalPathDirectories(root, "n1");
    PersistentVolume live = volume("pvc-1", "n1", root + "/pvc-1", false);
    dirs.reconcile(List.of(live));
    Files.createDirectories(root.resolve("pvc-1/sub"));
    Files.writeString(root.resolve("pvc-1/sub/data.txt"), "kept until deleted");
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("pvc-1/link"), outside);

    PersistentVolume deleted = volume("pvc-1", "n1", root + "/pvc-1", true);
    assertThat(dirs.reconcile(List.of(deleted))).containsExactly(deleted);
    assertThat(root.resolve("pvc-1")).doesNotExist();
    assertThat(outside).isDirectory(); // a link is removed, never followed
    // already gone: still reported, so a finalizer left by a failed release goes next time
    assertThat(dirs.reconcile(List.of(deleted))).containsExactly(deleted);
  }

  @Test
  void neverTouchesPathsOutsideItsRoot() throws Exception {
    Path root = tmp.resolve("storage");
    Path victim = Files.createDirectories(tmp.resolve("precious"));
    Files.writeString(victim.resolve("f"), "x");
    LocalPathDirectories dirs = new LocalPathDirectories(root, "n1");
    List<PersistentVolume> cleaned =
        dirs.reconcile(
            List.of(
                volume("pvc-a", "n1", victim.toString(), true),
                volume("pvc-b", "n1", root + "/../precious", true),
                volume("pvc-c", "n1", root + "/other", false),
                volume("pvc-d", "n1", root + "/pvc-d/nested", false)));
    assertThat(cleaned).isEmpty();
    assertThat(victim.resolve("f")).exists();
    assertThat(root.resolve("other")).doesNotExist();
    assertThat(root.resolve("pvc-d")).doesNotExist();
  }
}
