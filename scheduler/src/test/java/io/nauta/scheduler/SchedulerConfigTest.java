package io.nauta.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nauta.scheduler.plugins.noderesources.NodeResourcesFit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerConfigTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("profiles.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void readsProfilesWithStrategyDisabledPluginsAndWeights() throws Exception {
    SchedulerConfig c =
        SchedulerConfig.load(
            file(
                """
                profiles:
                - schedulerName: default-scheduler
                - schedulerName: bin-packer
                  scoringStrategy: MostAllocated
                  disabled: [ImageLocality]
                  weights: {NodeResourcesFit: 5}
                """));
    assertThat(c.profiles()).hasSize(2);
    SchedulerConfig.Profile packer = c.profiles().get(1);
    assertThat(packer.scoring()).isEqualTo(NodeResourcesFit.Strategy.MOST_ALLOCATED);
    assertThat(packer.disabled()).containsExactly("ImageLocality");
    assertThat(packer.weights()).containsEntry("NodeResourcesFit", 5L);
    assertThat(
            SchedulerConfig.load(
                    file(
                        """
                        profiles:
                        - schedulerName: shaped
                          scoringStrategy: RequestedToCapacityRatio
                          shape: [{utilization: 0, score: 10}, {utilization: 100, score: 0}]
                        """))
                .profiles()
                .get(0)
                .shape())
        .containsExactly(new NodeResourcesFit.Point(0, 10), new NodeResourcesFit.Point(100, 0));
    assertThat(Profiles.build(c, new Random(1)))
        .containsOnlyKeys("default-scheduler", "bin-packer");
  }

  @Test
  void namesWhatIsWrong() throws Exception {
    assertThatThrownBy(
            () -> SchedulerConfig.load(file("profiles:\n- schedulerName: a\n  disabled: [Nope]\n")))
        .hasMessageContaining("unknown plugin \"Nope\"");
    assertThatThrownBy(
            () ->
                SchedulerConfig.load(
                    file("profiles:\n- schedulerName: a\n  scoringStrategy: Random\n")))
        .hasMessageContaining("scoringStrategy \"Random\"");
    assertThatThrownBy(
            () -> SchedulerConfig.load(file("profiles:\n- schedulerName: a\n- schedulerName: a\n")))
        .hasMessageContaining("unique schedulerName");
    assertThatThrownBy(
            () ->
                SchedulerConfig.load(
                    file(
                        "profiles:\n- schedulerName: a\n  scoringStrategy: RequestedToCapacityRatio\n")))
        .hasMessageContaining("RequestedToCapacityRatio needs a `shape`");
    assertThatThrownBy(
            () ->
                SchedulerConfig.load(
                    file(
                        "profiles:\n- schedulerName: a\n  scoringStrategy: RequestedToCapacityRatio\n"
                            + "  shape: [{utilization: 0, score: 11}]\n")))
        .hasMessageContaining("shape: score must be 0..10");
    assertThatThrownBy(() -> SchedulerConfig.load(file("profiles: []\n")))
        .hasMessageContaining("non-empty list");
  }
}
