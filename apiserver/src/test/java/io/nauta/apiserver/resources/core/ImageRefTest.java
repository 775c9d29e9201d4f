package io.nauta.apiserver.resources.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "nginx, Always",
    "nginx:latest, Always",
    "nginx:1.25, IfNotPresent",
    "registry.local:5000/nginx, Always",
    "registry.local:5000/nginx:1.0, IfNotPresent",
    "nginx@sha256:abcd, IfNotPresent",
    "nginx:latest@sha256:abcd, Always",
  })
  void defaultsPullPolicyFromTheTag(String image, String policy) {
    assertThat(ImageRef.defaultPullPolicy(image)).isEqualTo(policy);
  }
}
