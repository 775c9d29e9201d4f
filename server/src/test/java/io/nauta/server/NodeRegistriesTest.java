package io.nauta.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.cri.Containerd;
import io.nauta.cri.RegistryConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRegistriesTest {
  @TempDir Path dir;

  @Test
  void configuredCredentialsAreOfferedForTheirRegistryOnly() {
    var registries =
        new NodeRegistries(
            Containerd.existing(dir.resolve("none.sock")),
            new RegistryConfig(
                Map.of(),
                Map.of("registry.example", new RegistryConfig.Host(false, null, "robot", "pw"))));
    assertThat(registries.credentials("registry.example/team/app:1"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getUsername()).isEqualTo("robot");
              assertThat(a.getPassword()).isEqualTo("pw");
            });
    assertThat(registries.credentials("other.example/app:1")).isEmpty();
    assertThat(registries.credentials("busybox")).isEmpty();
  }
}
