package io.nauta.node.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefsTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "busybox, Always",
    "busybox:latest, Always",
    "127.0.0.1:5000/team/app, Always",
    "127.0.0.1:5000/team/app:1.2, IfNotPresent",
    "busybox:1.36, IfNotPresent",
    "busybox@sha256:abcd, IfNotPresent"
  })
  void theDefaultPullPolicyFollowsTheLatestRule(String image, String policy) {
    assertThat(ImageRefs.defaultPolicy(image)).isEqualTo(policy);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "busybox, ",
    "library/busybox:1, ",
    "docker.io/library/busybox:1, docker.io",
    "localhost/app, localhost",
    "127.0.0.1:5000/app:1, 127.0.0.1:5000",
    "registry.example/team/app, registry.example"
  })
  void theRegistryIsTheFirstPartWhenItNamesAHost(String image, String registry) {
    assertThat(ImageRefs.registry(image)).isEqualTo(registry);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"127.0.0.1:5000, true", "localhost:5000, true", "registry.example, false"})
  void loopbackRegistries(String registry, boolean loopback) {
    assertThat(ImageRefs.loopback(registry)).isEqualTo(loopback);
  }
}
