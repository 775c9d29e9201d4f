package io.nauta.node.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.cri.v1.LinuxContainerResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodCgroupsTest {
  private static final String FULL =
      "{\"requests\":{\"cpu\":\"500m\",\"memory\":\"64Mi\"},\"limits\":{\"cpu\":\"500m\",\"memory\":\"64Mi\"}}";
  private static final String BURST =
      "{\"requests\":{\"cpu\":\"100m\"},\"limits\":{\"cpu\":\"200m\",\"memory\":\"32Mi\"}}";

  @Test
  void placesPodsByQosClassAsAKubeletDoes() {
    PodCgroups fs = new PodCgroups(PodCgroups.Driver.CGROUPFS, Path.of("/sys/fs/cgroup"));
    PodCgroups systemd = new PodCgroups(PodCgroups.Driver.SYSTEMD, Path.of("/sys/fs/cgroup"));
    Pod guaranteed = QosClassTest.pod(null, FULL);
    Pod burstable = QosClassTest.pod(null, BURST);
    Pod bestEffort = QosClassTest.pod(null, "{}");
    assertThat(fs.parent(guaranteed)).isEqualTo("/kubepods/podu-1");
    assertThat(fs.parent(burstable)).isEqualTo("/kubepods/burstable/podu-1");
    assertThat(fs.parent(bestEffort)).isEqualTo("/kubepods/besteffort/podu-1");
    assertThat(systemd.parent(burstable)).isEqualTo("kubepods-burstable-podu_1.slice");
    assertThat(new PodCgroups(PodCgroups.Driver.NONE, Path.of("/")).parent(burstable)).isEmpty();
  }

  @Test
  void podTotalsSumContainersAndDeclareLimitsOnlyWhenAllDo() {
    LinuxContainerResources both = PodCgroups.podResources(QosClassTest.pod(null, FULL, BURST));
    assertThat(both.getCpuShares()).isEqualTo(614); // 600m
    assertThat(both.getCpuQuota()).isEqualTo(70_000); // 700m
    assertThat(both.getMemoryLimitInBytes()).isEqualTo(96L << 20);
    LinuxContainerResources partial =
        PodCgroups.podResources(QosClassTest.pod(null, FULL, "{\"requests\":{\"cpu\":\"1\"}}"));
    assertThat(partial.getCpuQuota()).isZero();
    assertThat(partial.getMemoryLimitInBytes()).isZero();
    assertThat(PodCgroups.podResources(QosClassTest.pod(null, "{}")).getCpuShares()).isEqualTo(2);
  }

  @Test
  void aLargeInitContainerSetsThePodTotal() {
    String big =
        "{\"requests\":{\"cpu\":\"2\",\"memory\":\"1Gi\"},\"limits\":{\"cpu\":\"2\",\"memory\":\"1Gi\"}}";
    LinuxContainerResources r = PodCgroups.podResources(QosClassTest.pod(big, FULL));
    assertThat(r.getCpuQuota()).isEqualTo(200_000);
    assertThat(r.getMemoryLimitInBytes()).isEqualTo(1L << 30);
  }

  @Test
  void readsTheDriverFromContainerdsConfig() {
    assertThat(PodCgroups.driverOf(Map.of("config", "{\"options\":{\"SystemdCgroup\": true}}")))
        .isEqualTo(PodCgroups.Driver.SYSTEMD);
    assertThat(PodCgroups.driverOf(Map.of("config", "{\"options\":{\"SystemdCgroup\":false}}")))
        .isEqualTo(PodCgroups.Driver.CGROUPFS);
    assertThat(PodCgroups.driverOf(Map.of())).isEqualTo(PodCgroups.Driver.CGROUPFS);
  }

  @Test
  void writesThePodLimitsAndRemovesThePodCgroup(@TempDir Path mount) throws Exception {
    Files.createDirectories(mount.resolve("memory"));
    Files.createDirectories(mount.resolve("cpu"));
    Files.createDirectories(mount.resolve("pids"));
    PodCgroups cgroups = new PodCgroups(PodCgroups.Driver.CGROUPFS, mount);
    Pod pod = QosClassTest.pod(null, BURST);
    cgroups.prepare(pod);
    Path cpu = mount.resolve("cpu/kubepods/burstable/podu-1");
    assertThat(Files.readString(cpu.resolve("cpu.shares"))).isEqualTo("102");
    assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us"))).isEqualTo("20000");
    assertThat(Files.readString(cpu.resolve("cpu.cfs_period_us"))).isEqualTo("100000");
    Path memory = mount.resolve("memory/kubepods/burstable/podu-1");
    assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")))
        .isEqualTo(Long.toString(32L << 20));
    Files.createDirectories(mount.resolve("pids/kubepods/burstable/podu-1"));
    // a real cgroup directory is removed with its control files by rmdir; here they are files
    Files.delete(cpu.resolve("cpu.shares"));
    Files.delete(cpu.resolve("cpu.cfs_quota_us"));
    Files.delete(cpu.resolve("cpu.cfs_period_us"));
    Files.delete(memory.resolve("memory.limit_in_bytes"));
    cgroups.remove(pod);
    assertThat(cpu).doesNotExist();
    assertThat(memory).doesNotExist();
    assertThat(mount.resolve("pids/kubepods/burstable/podu-1")).doesNotExist();
    assertThat(mount.resolve("pids/kubepods/burstable")).exists();
  }
}
