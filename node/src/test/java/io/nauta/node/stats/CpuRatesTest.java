package io.nauta.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuRatesTest {
  private final Instant t0 = Instant.parse("2024-03-01T10:00:00Z");

  @Test
  void theRateIsCpuTimeOverElapsedTimeInNanocores() {
    CpuRates rates = new CpuRates();
    assertThat(rates.rate("c", t0, 1_000_000_000L)).isEmpty();
    // half a core for two seconds
    assertThat(rates.rate("c", t0.plusSeconds(2), 2_000_000_000L)).hasValue(500_000_000L);
  }

  @Test
  void aCounterThatWentBackOrNoElapsedTimeGivesNoRate() {
    CpuRates rates = new CpuRates();
    rates.rate("c", t0, 5_000L);
    assertThat(rates.rate("c", t0, 6_000L)).isEmpty();
    assertThat(rates.rate("c", t0.plusSeconds(1), 1_000L)).isEmpty();
  }

  @Test
  void forgottenKeysStartOver() {
    CpuRates rates = new CpuRates();
    rates.rate("gone", t0, 0);
    rates.retain(Set.of("other"));
    assertThat(rates.rate("gone", t0.plusSeconds(1), 1_000)).isEmpty();
  }
}
