package io.nauta.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedPodBackoffTest {
  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void replacementsOfFailedPodsOnANodeWaitLongerEachTime() {
    TestClock clock = new TestClock();
    FailedPodBackoff backoff = new FailedPodBackoff(clock);
    assertThat(backoff.remaining("ds/n1")).isZero();
    backoff.failed("ds/n1");
    assertThat(backoff.remaining("ds/n1")).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.remaining("ds/n2")).isZero();
    clock.now = clock.now.plusSeconds(1);
    assertThat(backoff.remaining("ds/n1")).isZero();
    backoff.failed("ds/n1");
    assertThat(backoff.remaining("ds/n1")).isEqualTo(Duration.ofSeconds(2));
    for (int i = 0; i < 20; i++) {
      backoff.failed("ds/n1");
    }
    assertThat(backoff.remaining("ds/n1")).isEqualTo(FailedPodBackoff.MAX);
    // long quiet: forgotten
    clock.now = clock.now.plus(Duration.ofHours(1));
    backoff.failed("ds/n1");
    assertThat(backoff.remaining("ds/n1")).isEqualTo(FailedPodBackoff.INITIAL);
  }
}
