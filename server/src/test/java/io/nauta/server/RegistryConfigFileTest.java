package io.nauta.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nauta.cri.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryConfigFileTest {
  @TempDir Path dir;

  private RegistryConfig load(String yaml) throws Exception {
    Path f = dir.resolve("registries.yaml");
    Files.writeString(f, yaml);
    return RegistryConfigFile.load(f);
  }

  @Test
  void readsMirrorsAndHostSettings() throws Exception {
    RegistryConfig c =
        load(
            """
            mirrors:
              docker.io:
                endpoint: ["http://127.0.0.1:5000", "https://mirror.example"]
            configs:
              registry.example:5000:
                tls: {insecure_skip_verify: true, ca_file: /etc/nauta/ca.pem}
                auth: {username: robot, password: s3cret}
            """);
    assertThat(c.mirrors())
        .containsEntry("docker.io", List.of("http://127.0.0.1:5000", "https://mirror.example"));
    assertThat(c.hosts().get("registry.example:5000"))
        .isEqualTo(new RegistryConfig.Host(true, Path.of("/etc/nauta/ca.pem"), "robot", "s3cret"));
  }

  @Test
  void typosAreErrorsNamingWhere() {
    assertThatThrownBy(() -> load("mirrors:\n  docker.io:\n    endpoints: [x]\n"))
        .hasMessageContaining("mirrors.docker.io: unknown key \"endpoints\"");
    assertThatThrownBy(() -> load("configs:\n  r.example:\n    auth: {username: u}\n"))
        .hasMessageContaining("configs.r.example.auth: a username needs a password");
    assertThatThrownBy(() -> load("mirror: {}\n")).hasMessageContaining("unknown key \"mirror\"");
  }

  @Test
  void anEmptyFileConfiguresNothing() throws Exception {
    assertThat(load("")).isEqualTo(RegistryConfig.NONE);
  }
}
