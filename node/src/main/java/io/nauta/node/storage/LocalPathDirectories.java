package io.nauta.node.storage;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.nauta.client.volumes.StorageAnnotations;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directories of this node's local-path volumes under {@link #root}: {@link #reconcile} makes
 * the missing ones of live volumes and removes those of deleted ones, and answers which deleted
 * volumes are cleaned up (so their finalizer may go). Not thread-safe: one reconciler calls it.
 */
public final class LocalPathDirectories {
  /** A volume's provisioner annotation and the value naming the local-path provisioner. */
  public static final String PROVISIONED_BY = StorageAnnotations.PROVISIONED_BY;

  public static final String PROVISIONER = StorageAnnotations.LOCAL_PATH_PROVISIONER;

  /** On a volume: the node it was provisioned on. */
  public static final String VOLUME_NODE = StorageAnnotations.LOCAL_PATH_VOLUME_NODE;

  /** Held on a local-path volume until its node has removed the directory. */
  public static final String CLEANUP_FINALIZER = StorageAnnotations.LOCAL_PATH_CLEANUP_FINALIZER;

  private final Path root;
  private final String nodeName;

  public LocalPathDirectories(Path root, String nodeName) {
    this.root = root.toAbsolutePath().normalize();
    this.nodeName = nodeName;
  }

  /** The directory this node keeps volumes in, as it announces it. */
  public Path root() {
    return root;
  }

  /**
   * Brings the directories in line with {@code volumes} (all the cluster's, those of other nodes
   * and provisioners are ignored): makes the directory of each live volume of this node (mode 0777,
   * so any container user may write), removes those of volumes being deleted.
   *
   * @return the volumes being deleted whose directory is gone (their finalizer may be released)
   * @throws IOException when a directory cannot be made or removed (the rest are still handled)
   */
  public List<PersistentVolume> reconcile(Collection<PersistentVolume> volumes) throws IOException {
    List<PersistentVolume> cleaned = new ArrayList<>();
    IOException failure = null;
    for (PersistentVolume v : volumes) {
      Optional<Path> dir = directory(v);
      if (dir.isEmpty()) {
        continue;
      }
      try {
        if (v.getMetadata().getDeletionTimestamp() == null) {
          if (!Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(root);
            Files.createDirectory(dir.get());
            Files.setPosixFilePermissions(dir.get(), PosixFilePermissions.fromString("rwxrwxrwx"));
          }
        } else if (holdsFinalizer(v)) {
          removeTree(dir.get());
          cleaned.add(v);
        }
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return cleaned;
  }

  /**
   * The directory of {@code v} when it is a local-path volume of this node whose path is a {@code
   * pvc-*} directory directly under {@link #root}; empty for anything else.
   */
  Optional<Path> directory(PersistentVolume v) {
    Map<String, String> a = v.getMetadata().getAnnotations();
    if (a == null
        || !PROVISIONER.equals(a.get(PROVISIONED_BY))
        || !nodeName.equals(a.get(VOLUME_NODE))
        || v.getSpec() == null
        || v.getSpec().getHostPath() == null
        || v.getSpec().getHostPath().getPath() == null) {
      return Optional.empty();
    }
    Path p = Path.of(v.getSpec().getHostPath().getPath()).toAbsolutePath().normalize();
    if (!root.equals(p.getParent()) || !p.getFileName().toString().startsWith("pvc-")) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  private static boolean holdsFinalizer(PersistentVolume v) {
    return v.getMetadata().getFinalizers() != null
        && v.getMetadata().getFinalizers().contains(CLEANUP_FINALIZER);
  }

  /** Removes {@code dir} and all below it, never following symbolic links out of it. */
  static void removeTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<Path>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
