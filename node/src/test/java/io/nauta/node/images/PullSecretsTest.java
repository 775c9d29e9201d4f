package io.nauta.node.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.nauta.cri.v1.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PullSecretsTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Secret dockerConfigJson(String auths) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("s")
        .endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .addToData(".dockerconfigjson", b64("{\"auths\":" + auths + "}"))
        .build();
  }

  @Test
  void usernameAndPasswordOrAuthOfTheImagesRegistry() {
    Secret s =
        dockerConfigJson(
            """
            {"127.0.0.1:5000":{"username":"u","password":"p"},
             "https://registry.example.com":{"auth":"%s"},
             "other.example.com":{"username":"x","password":"y"}}
            """
                .formatted(b64("alice:s3cr:et")));
    List<AuthConfig> local = PullSecrets.forImage("127.0.0.1:5000/app:1", List.of(s));
    assertThat(local).hasSize(1);
    assertThat(local.get(0).getUsername()).isEqualTo("u");
    assertThat(local.get(0).getPassword()).isEqualTo("p");
    List<AuthConfig> remote = PullSecrets.forImage("registry.example.com/team/app", List.of(s));
    assertThat(remote).hasSize(1);
    assertThat(remote.get(0).getUsername()).isEqualTo("alice");
    assertThat(remote.get(0).getPassword()).isEqualTo("s3cr:et");
    assertThat(PullSecrets.forImage("127.0.0.1:5001/app:1", List.of(s))).isEmpty();
  }

  @Test
  void legacyDockercfgAndDockerHub() {
    Secret legacy =
        new SecretBuilder()
            .withType("kubernetes.io/dockercfg")
            .addToData(
                ".dockercfg",
                b64("{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("a:b") + "\"}}"))
            .build();
    assertThat(PullSecrets.forImage("busybox", List.of(legacy))).hasSize(1);
    assertThat(PullSecrets.forImage("library/busybox:1", List.of(legacy))).hasSize(1);
    assertThat(PullSecrets.forImage("quay.io/x/y", List.of(legacy))).isEmpty();
  }

  @Test
  void secretsThatAreNotDockerConfigsGiveNothing() {
    Secret opaque = new SecretBuilder().addToData("password", b64("x")).build();
    Secret broken = new SecretBuilder().addToData(".dockerconfigjson", b64("{not json")).build();
    assertThat(PullSecrets.forImage("127.0.0.1:5000/app", List.of(opaque, broken))).isEmpty();
  }

  @ParameterizedTest(name = "{0} for {1}/{2}: {3}")
  @CsvSource({
    "registry.example.com, registry.example.com, app, true",
    "registry.example.com:443, registry.example.com, app, false",
    "*.example.com, registry.example.com, app, true",
    "*.example.com, a.b.example.com, app, false",
    "registry.example.com/team, registry.example.com, team/app, true",
    "registry.example.com/team, registry.example.com, teamx/app, false",
    "http://localhost:5000/, localhost:5000, app, true",
    "REGISTRY.example.com, registry.example.com, app, true",
  })
  void keysMatchByHostPortAndPathPrefix(
      String key, String registry, String repository, boolean matches) {
    assertThat(PullSecrets.matches(key, registry, repository)).isEqualTo(matches);
  }

  @Test
  void repositoriesOfReferences() {
    assertThat(ImageRefs.repository("busybox")).isEqualTo("library/busybox");
    assertThat(ImageRefs.repository("127.0.0.1:5000/nauta-test/busybox:1"))
        .isEqualTo("nauta-test/busybox");
    assertThat(ImageRefs.repository("r.io/a/b@sha256:abc")).isEqualTo("a/b");
  }
}
