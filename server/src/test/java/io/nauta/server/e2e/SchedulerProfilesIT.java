package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scheduling profiles from {@code --scheduler-config}, chosen by the pods' schedulerName. */
class SchedulerProfilesIT extends ServerProcessTest {

  @Override
  protected String[] serverArgs() throws Exception {
    Path config = Files.createTempFile("nauta-profiles", ".yaml");
    config.toFile().deleteOnExit();
    Files.writeString(
        config,
        """
        profiles:
        - schedulerName: default-scheduler
        - schedulerName: bin-packer
          scoringStrategy: MostAllocated
          disabled: [NodeResourcesBalancedAllocation, ImageLocality]
        """);
    return new String[] {"--scheduler-config", config.toString(), STATIC_NODES};
  }

  private void pod(String name, String scheduler) throws Exception {
    nauta.kubectlWithInput(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"schedulerName":"%s","containers":[{"name":"c","image":"busybox",
                 "resources":{"requests":{"cpu":"1","memory":"1Gi"}}}]}}
        """
            .formatted(name, scheduler),
        "create",
        "-f",
        "-");
  }

  @Test
  void theBinPackingProfileStacksPodsOnOneNode() throws Exception {
    registerNode("a", "4", "8Gi", "{}", "[]");
    registerNode("b", "4", "8Gi", "{}", "[]");
    for (int i = 0; i < 3; i++) {
      pod("packed-" + i, "bin-packer");
      String name = "packed-" + i;
      await().atMost(Duration.ofSeconds(20)).until(() -> !nodeOf(name).isEmpty());
    }
    assertThat(nodeOf("packed-1")).isEqualTo(nodeOf("packed-0"));
    assertThat(nodeOf("packed-2")).isEqualTo(nodeOf("packed-0"));

    pod("unknown", "nobody-runs-this");
    pod("spread", "default-scheduler");
    await().atMost(Duration.ofSeconds(20)).until(() -> !nodeOf("spread").isEmpty());
    assertThat(nodeOf("spread")).isNotEqualTo(nodeOf("packed-0"));
    assertThat(nodeOf("unknown")).isEmpty();
  }
}
