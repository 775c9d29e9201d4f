package io.nauta.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleTimesTest {
  private static final CronSchedule EVERY_MINUTE = CronSchedule.parse("* * * * *");
  private static final Instant T = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void nothingIsDueBeforeTheFirstTime() {
    ScheduleTimes t = ScheduleTimes.of(EVERY_MINUTE, ZoneOffset.UTC, T, T.plusSeconds(59));
    assertThat(t.latest()).isNull();
    assertThat(t.next()).isEqualTo(T.plusSeconds(60));
  }

  @Test
  void theLatestMissedTimeIsRunAndEarlierOnesSkipped() {
    ScheduleTimes t = ScheduleTimes.of(EVERY_MINUTE, ZoneOffset.UTC, T, T.plusSeconds(330));
    assertThat(t.latest()).isEqualTo(T.plusSeconds(300));
    assertThat(t.next()).isEqualTo(T.plusSeconds(360));
    assertThat(t.tooManyMissed()).isFalse();
  }

  @Test
  void manyMissedTimesAreReportedAndTheLatestStillFound() {
    Instant now = T.plusSeconds(86_400 * 30 + 90);
    ScheduleTimes t = ScheduleTimes.of(EVERY_MINUTE, ZoneOffset.UTC, T, now);
    assertThat(t.tooManyMissed()).isTrue();
    assertThat(t.latest()).isEqualTo(T.plusSeconds(86_400 * 30 + 60));
    ScheduleTimes hourly =
        ScheduleTimes.of(
            CronSchedule.parse("@hourly"), ZoneOffset.UTC, T, now.plusSeconds(86_400 * 400));
    assertThat(hourly.tooManyMissed()).isTrue();
    assertThat(hourly.latest()).isEqualTo(Instant.parse("2027-05-08T10:00:00Z"));
  }
}
