package io.nauta.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostUsageTest {
  private static final String STAT =
      """
      cpu  100 20 30 4000 50 6 7 8 9 10
      cpu0 50 10 15 2000 25 3 3 4 4 5
      intr 12345
      btime 1700000000
      processes 42
      """;
  private static final String MEMINFO =
      """
      MemTotal:        8000000 kB
      MemFree:         1000000 kB
      MemAvailable:    5000000 kB
      Buffers:          100000 kB
      """;

  @Test
  void countsBusyCpuTimeAndMemoryInBytes() {
    HostUsage u = HostUsage.parse(STAT, MEMINFO);
    // user + nice + system + irq + softirq + steal ticks, 10 ms each
    assertThat(u.cpuNanos()).isEqualTo((100 + 20 + 30 + 6 + 7 + 8) * 10_000_000L);
    assertThat(u.memoryTotal()).isEqualTo(8_000_000L * 1024);
    assertThat(u.memoryAvailable()).isEqualTo(5_000_000L * 1024);
    assertThat(u.memoryFree()).isEqualTo(1_000_000L * 1024);
    assertThat(u.workingSetBytes()).isEqualTo(3_000_000L * 1024);
    assertThat(u.bootTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
  }
}
