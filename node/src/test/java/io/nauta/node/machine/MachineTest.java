package io.nauta.node.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
  @Test
  void readsMemoryInBytesFromMeminfo() {
    assertThat(Machine.memTotal("MemTotal:       24585560 kB\nMemFree:  1 kB\n"))
        .isEqualTo(24585560L * 1024);
    assertThat(Machine.memTotal("nothing here")).isZero();
  }

  @Test
  void readsTheOsImageFromOsRelease() {
    assertThat(Machine.prettyName("NAME=x\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"))
        .isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(Machine.prettyName("")).isEqualTo("Linux");
  }

  @Test
  void namesArchitecturesAsKubernetesDoes() {
    assertThat(Machine.goArch("amd64")).isEqualTo("amd64");
    assertThat(Machine.goArch("aarch64")).isEqualTo("arm64");
  }

  @Test
  void readsThisMachine(@TempDir Path dir) throws Exception {
    Machine m = Machine.local(dir);
    assertThat(m.cpus()).isPositive();
    assertThat(m.memoryBytes()).isGreaterThan(64L << 20);
    assertThat(m.storageBytes()).isPositive();
    assertThat(m.labels("n1")).containsEntry("kubernetes.io/hostname", "n1");
  }
}
