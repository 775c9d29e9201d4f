package io.nauta.node.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsGroupTest {
  @TempDir Path dir;

  private static int mode(Path p) throws Exception {
    return (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  private static int gid(Path p) throws Exception {
    return (int) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void aReadOnlyVolumeBecomesGroupReadableWithInheritedGroup() throws Exception {
    Path data = Files.createDirectories(dir.resolve("..2026"));
    Path key = Files.writeString(data.resolve("key"), "s3cret");
    Files.setAttribute(key, "unix:mode", 0400);
    Files.setAttribute(data, "unix:mode", 0755);
    Files.createSymbolicLink(dir.resolve("key"), Path.of("..2026/key"));
    FsGroup.apply(dir, 2000, true);
    assertThat(gid(key)).isEqualTo(2000);
    assertThat(mode(key)).isEqualTo(0440);
    assertThat(gid(data)).isEqualTo(2000);
    assertThat(mode(data)).isEqualTo(02755);
  }

  @Test
  void aWritableVolumeGetsGroupWrite() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    Files.setAttribute(f, "unix:mode", 0600);
    Files.setAttribute(dir, "unix:mode", 0700);
    FsGroup.apply(dir, 3000, false);
    assertThat(mode(f)).isEqualTo(0660);
    assertThat(mode(dir)).isEqualTo(02770);
    assertThat(gid(dir)).isEqualTo(3000);
  }

  @Test
  void onRootMismatchLeavesTheTreeAloneWhenTheRootAlreadyMatches() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    Files.setAttribute(f, "unix:mode", 0600);
    Files.setAttribute(dir, "unix:mode", 02770);
    Files.setAttribute(dir, "unix:gid", 3000);
    FsGroup.apply(dir, 3000, false, "OnRootMismatch");
    assertThat(mode(f)).as("skipped: the root shows the group").isEqualTo(0600);
    assertThat(gid(f)).isZero();

    FsGroup.apply(dir, 3000, false, "Always");
    assertThat(mode(f)).isEqualTo(0660);
    assertThat(gid(f)).isEqualTo(3000);

    Files.setAttribute(f, "unix:mode", 0600);
    FsGroup.apply(dir, 4000, false, "OnRootMismatch");
    assertThat(mode(f)).as("walked: the root's group differs").isEqualTo(0660);
    assertThat(gid(f)).isEqualTo(4000);
  }
}
