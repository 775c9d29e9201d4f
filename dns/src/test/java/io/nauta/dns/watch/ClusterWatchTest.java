package io.nauta.dns.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class ClusterWatchTest {
  @Test
  void indexesEveryPodIpInCanonicalForm() {
    Pod dual =
        new PodBuilder()
            .withNewStatus()
            .withPodIP("10.42.0.5")
            .addNewPodIP("10.42.0.5")
            .addNewPodIP("fd00:0:0::5")
            .endStatus()
            .build();
    assertThat(ClusterWatch.podIps(dual)).containsExactly("10.42.0.5", "fd00:0:0:0:0:0:0:5");
    assertThat(ClusterWatch.podIps(new PodBuilder().build())).isEmpty();
    assertThat(
            ClusterWatch.podIps(
                new PodBuilder().withNewStatus().withPodIP("x").endStatus().build()))
        .isEmpty();
  }
}
