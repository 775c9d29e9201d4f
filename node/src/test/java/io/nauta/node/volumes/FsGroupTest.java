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
}
