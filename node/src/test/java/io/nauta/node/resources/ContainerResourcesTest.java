package io.nauta.node.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.v1.LinuxContainerResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerResourcesTest {
  private static final long GI = 1L << 30;
  private final ContainerResources resources = new ContainerResources(8 * GI, 0, true);

  @ParameterizedTest(name = "{0}m -> {1} shares")
  @CsvSource({
    "0, 2",
    "1, 2",
    "2, 2",
    "100, 102",
    "250, 256",
    "1000, 1024",
    "4000, 4096",
    "1000000, 262144"
  })
  void sharesAre1024PerCoreAtLeast2(long milli, long shares) {
    assertThat(ContainerResources.shares(milli)).isEqualTo(shares);
  }

  @ParameterizedTest(name = "{0}m -> quota {1}")
  @CsvSource({"0, 0", "1, 1000", "10, 1000", "250, 25000", "1500, 150000"})
  void quotaIsTheLimitsShareOfThePeriodAtLeast1ms(long milli, long quota) {
    assertThat(ContainerResources.quota(milli, 100_000)).isEqualTo(quota);
  }

  private static Pod single(String resourcesJson) {
    return QosClassTest.pod(null, resourcesJson);
  }

  @Test
  void burstableContainerGetsSharesQuotaAndMemoryLimit() {
    Pod p =
        single(
            "{\"requests\":{\"cpu\":\"250m\",\"memory\":\"1Gi\"},"
                + "\"limits\":{\"cpu\":\"500m\",\"memory\":\"2Gi\"}}");
    LinuxContainerResources r = resources.of(p, p.getSpec().getContainers().get(0));
    assertThat(r.getCpuShares()).isEqualTo(256);
    assertThat(r.getCpuPeriod()).isEqualTo(100_000);
    assertThat(r.getCpuQuota()).isEqualTo(50_000);
    assertThat(r.getMemoryLimitInBytes()).isEqualTo(2 * GI);
    assertThat(r.getMemorySwapLimitInBytes()).isEqualTo(2 * GI);
    // 1000 - 1000 * 1Gi / 8Gi
    assertThat(r.getOomScoreAdj()).isEqualTo(875);
  }

  @Test
  void bestEffortContainerGetsMinimalSharesNoLimitsAndIsKilledFirst() {
    Pod p = single("{}");
    LinuxContainerResources r = resources.of(p, p.getSpec().getContainers().get(0));
    assertThat(r.getCpuShares()).isEqualTo(2);
    assertThat(r.getCpuQuota()).isZero();
    assertThat(r.getMemoryLimitInBytes()).isZero();
    assertThat(r.getMemorySwapLimitInBytes()).isZero();
    assertThat(r.getOomScoreAdj()).isEqualTo(1000);
  }

  @Test
  void guaranteedScoreIsKeptAtTheFloorWhereNegativeScoresFail() {
    Pod p =
        single(
            "{\"requests\":{\"cpu\":\"1\",\"memory\":\"64Mi\"},"
                + "\"limits\":{\"cpu\":\"1\",\"memory\":\"64Mi\"}}");
    var c = p.getSpec().getContainers().get(0);
    assertThat(resources.oomScoreAdj(p, c)).isEqualTo(-997);
    assertThat(resources.of(p, c).getOomScoreAdj()).isZero();
    assertThat(new ContainerResources(8 * GI, -1000, false).of(p, c).getOomScoreAdj())
        .isEqualTo(-997);
    assertThat(new ContainerResources(8 * GI, -1000, false).of(p, c).getMemorySwapLimitInBytes())
        .isZero();
  }

  @Test
  void cpuLimitAloneSetsTheSharesToo() {
    Pod p = single("{\"limits\":{\"cpu\":\"2\"}}");
    LinuxContainerResources r = resources.of(p, p.getSpec().getContainers().get(0));
    assertThat(r.getCpuShares()).isEqualTo(2048);
    assertThat(r.getCpuQuota()).isEqualTo(200_000);
  }

  @ParameterizedTest(name = "request {0} bytes of 8Gi -> {1}")
  @CsvSource({"0, 999", "1, 999", "4294967296, 500", "8589934592, 2", "17179869184, 2"})
  void burstableScoreFallsWithTheMemoryRequest(long request, int score) {
    Pod p = single("{\"requests\":{\"cpu\":\"100m\",\"memory\":\"" + request + "\"}}");
    assertThat(resources.oomScoreAdj(p, p.getSpec().getContainers().get(0))).isEqualTo(score);
  }

  @Test
  void oomScoreFloorFollowsCapSysResource() {
    String without = "Name:\tjava\nCapEff:\t000001fffeffffff\n";
    String with = "Name:\tjava\nCapEff:\t000001ffffffffff\n";
    assertThat(ContainerResources.oomScoreFloor(without, "0\n")).isZero();
    assertThat(ContainerResources.oomScoreFloor(without, "-500\n")).isEqualTo(-500);
    assertThat(ContainerResources.oomScoreFloor(with, "0\n")).isEqualTo(-1000);
    assertThat(ContainerResources.oomScoreFloor("", "")).isZero();
  }
}
