package io.nauta.node.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PullBackoffTest {
  /** A clock that moves only when told. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

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
  void doublesFrom10SecondsTo5Minutes() {
    ManualClock clock = new ManualClock();
    PullBackoff backoff = new PullBackoff(clock);
    assertThat(backoff.inBackoff("k")).isFalse();
    long[] expected = {10, 20, 40, 80, 160, 300, 300};
    for (long seconds : expected) {
      assertThat(backoff.failed("k")).isEqualTo(Duration.ofSeconds(seconds));
      assertThat(backoff.inBackoff("k")).isTrue();
      clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
      assertThat(backoff.inBackoff("k")).isTrue();
      clock.advance(Duration.ofMillis(1));
      assertThat(backoff.inBackoff("k")).isFalse();
    }
    assertThat(backoff.inBackoff("other")).isFalse();
  }

  @Test
  void startsOverAfterSuccessOrALongQuiet() {
    ManualClock clock = new ManualClock();
    PullBackoff backoff = new PullBackoff(clock);
    backoff.failed("k");
    backoff.failed("k");
    backoff.succeeded("k");
    assertThat(backoff.failed("k")).isEqualTo(Duration.ofSeconds(10));
    backoff.failed("k");
    clock.advance(Duration.ofMinutes(11));
    assertThat(backoff.failed("k")).isEqualTo(Duration.ofSeconds(10));
  }
}
