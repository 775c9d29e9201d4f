package io.nauta.node.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.nauta.node.machine.Machine;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PressureTest {
  private static final Machine MACHINE =
      new Machine(2, 4L << 30, 100L << 30, "6.1", "Debian", "amd64", "id");

  private static Map<String, String> conditions(Pressure p) {
    return NodeStatuses.build(
            MACHINE, "n1", "10.0.0.1", "containerd://1.6", Readiness.READY, p, null, Instant.EPOCH)
        .getConditions()
        .stream()
        .collect(
            Collectors.toMap(NodeCondition::getType, c -> c.getStatus() + "/" + c.getReason()));
  }

  @Test
  void aKubeletsDefaultThresholdsMakePressure() {
    assertThat(conditions(new Pressure(99L << 20, 0.09, 0.05)))
        .containsEntry("MemoryPressure", "True/KubeletHasInsufficientMemory")
        .containsEntry("DiskPressure", "True/KubeletHasDiskPressure")
        .containsEntry("PIDPressure", "True/KubeletHasInsufficientPID")
        .containsEntry("Ready", "True/KubeletReady");
    assertThat(conditions(new Pressure(2L << 30, 0.5, 0.9)))
        .containsEntry("MemoryPressure", "False/KubeletHasSufficientMemory")
        .containsEntry("DiskPressure", "False/KubeletHasNoDiskPressure")
        .containsEntry("PIDPressure", "False/KubeletHasSufficientPID");
    assertThat(conditions(Pressure.NONE))
        .containsEntry("MemoryPressure", "False/KubeletHasSufficientMemory");
  }

  @Test
  void readsThisMachine() {
    Pressure p = Pressure.read(java.nio.file.Path.of("/tmp"));
    assertThat(p.memoryAvailableBytes()).isPositive();
    assertThat(p.diskAvailableRatio()).isBetween(0.0, 1.0);
    assertThat(p.pidsAvailableRatio()).isBetween(0.0, 1.0);
    assertThat(Pressure.meminfoBytes("MemTotal: 10 kB\nMemAvailable:  2048 kB\n", "MemAvailable:"))
        .isEqualTo(2048L * 1024);
  }
}
