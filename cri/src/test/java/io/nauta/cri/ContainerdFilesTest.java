package io.nauta.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerdFilesTest {
  @TempDir Path dir;

  @Test
  void writesTheSettingsThisHostNeeds() throws Exception {
    var config = ContainerdConfig.defaults(dir);
    ContainerdFiles.write(config);
    String toml = Files.readString(config.configFile());
    assertThat(toml)
        .contains("restrict_oom_score_adj = true")
        .contains("netns_mounts_under_state_dir = true")
        .contains("SystemdCgroup = false")
        .contains("snapshotter = \"overlayfs\"")
        .contains("runtime_type = \"io.containerd.runc.v2\"")
        .contains("stream_server_port = \"0\"")
        .contains("sandbox_image = \"nauta.local/pause:1\"")
        .contains("address = \"" + dir.resolve("containerd.sock") + "\"")
        .contains("conf_dir = \"" + dir.resolve("cni/net.d") + "\"")
        .contains("config_path = \"" + dir.resolve("certs.d") + "\"")
        .doesNotContain("%");
  }

  @Test
  void writesABridgeNetworkWithTheGivenCidrAndBridge() throws Exception {
    var config = ContainerdConfig.defaults(dir).withPodCidr("10.99.0.0/24").withBridgeName("br-x");
    ContainerdFiles.write(config);
    JsonNode conflist =
        new ObjectMapper().readTree(config.cniConfDir().resolve("10-nauta.conflist").toFile());
    assertThat(conflist.get("name").asText()).isEqualTo("nauta-br-x");
    JsonNode bridge = conflist.get("plugins").get(0);
    assertThat(bridge.get("type").asText()).isEqualTo("bridge");
    assertThat(bridge.get("bridge").asText()).isEqualTo("br-x");
    assertThat(bridge.at("/ipam/ranges/0/0/subnet").asText()).isEqualTo("10.99.0.0/24");
    assertThat(conflist.get("plugins").get(1).get("type").asText()).isEqualTo("portmap");
  }

  @Test
  void marksALoopbackRegistryAsPlainHttp() throws Exception {
    var config = ContainerdConfig.defaults(dir);
    ContainerdFiles.addPlainHttpRegistry(config, "127.0.0.1:5000");
    assertThat(Files.readString(config.registryHostsDir().resolve("127.0.0.1:5000/hosts.toml")))
        .contains("server = \"http://127.0.0.1:5000\"")
        .contains("[host.\"http://127.0.0.1:5000\"]");
  }

  @Test
  void rejectsABridgeNameLongerThanALinuxInterfaceName() {
    assertThatThrownBy(() -> ContainerdConfig.defaults(dir).withBridgeName("a-very-long-bridge"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesMirrorsBeforeTheRegistryWithEachHostsTls() throws Exception {
    var config = ContainerdConfig.defaults(dir);
    var registries =
        new RegistryConfig(
            java.util.Map.of(
                "docker.io", java.util.List.of("http://127.0.0.1:5000", "mirror.example:443")),
            java.util.Map.of(
                "mirror.example:443",
                new RegistryConfig.Host(false, Path.of("/etc/ca.pem"), null, null),
                "registry.example",
                new RegistryConfig.Host(true, null, "u", "p")));
    ContainerdFiles.writeRegistries(config, registries);
    assertThat(Files.readString(config.registryHostsDir().resolve("docker.io/hosts.toml")))
        .isEqualTo(
            """
            server = "https://registry-1.docker.io"

            [host."http://127.0.0.1:5000"]
              capabilities = ["pull", "resolve"]

            [host."https://mirror.example:443"]
              capabilities = ["pull", "resolve"]
              ca = "/etc/ca.pem"
            """);
    assertThat(Files.readString(config.registryHostsDir().resolve("registry.example/hosts.toml")))
        .isEqualTo(
            """
            server = "https://registry.example"
            skip_verify = true
            """);
    assertThat(registries.hostOf("registry.example/team/app:1").orElseThrow().username())
        .isEqualTo("u");
    assertThat(RegistryConfig.registryOf("busybox")).isEqualTo("docker.io");
    assertThat(RegistryConfig.registryOf("library/busybox:1")).isEqualTo("docker.io");
    assertThat(RegistryConfig.registryOf("localhost/x")).isEqualTo("localhost");
    assertThat(RegistryConfig.registryOf("127.0.0.1:5000/x:1")).isEqualTo("127.0.0.1:5000");
  }
}
