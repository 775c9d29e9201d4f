package io.nauta.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

class WrittenVersionsTest {
  private static Job at(String version) {
    return new JobBuilder().withNewMetadata().withResourceVersion(version).endMetadata().build();
  }

  @Test
  void aCacheOlderThanTheLastWriteIsStaleUntilItCatchesUp() {
    WrittenVersions written = new WrittenVersions();
    assertThat(written.stale("ns/a", at("5"))).isFalse();
    written.wrote("ns/a", at("7"));
    assertThat(written.stale("ns/a", at("5"))).isTrue();
    assertThat(written.stale("ns/b", at("5"))).isFalse();
    assertThat(written.stale("ns/a", at("7"))).isFalse();
    // caught up once: forgotten, an older copy later is not the controller's concern
    assertThat(written.stale("ns/a", at("6"))).isFalse();
  }

  @Test
  void laterWritesWinAndForgetClears() {
    WrittenVersions written = new WrittenVersions();
    written.wrote("k", at("9"));
    written.wrote("k", at("8"));
    assertThat(written.stale("k", at("8"))).isTrue();
    written.forget("k");
    assertThat(written.stale("k", at("8"))).isFalse();
  }

  @Test
  void versionsThatAreNotNumbersAreNeverStale() {
    WrittenVersions written = new WrittenVersions();
    written.wrote("k", at("opaque"));
    assertThat(written.stale("k", at("1"))).isFalse();
    written.wrote("k", at("4"));
    assertThat(written.stale("k", at("x"))).isFalse();
  }
}
