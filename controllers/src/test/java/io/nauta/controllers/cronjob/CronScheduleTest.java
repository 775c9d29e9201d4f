package io.nauta.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {
  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  @ParameterizedTest(name = "[{0}] after {1} is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // every minute: strictly after, seconds ignored
        "* * * * *       | 2026-03-04T10:15:00Z | 2026-03-04T10:16:00Z",
        "* * * * *       | 2026-03-04T10:15:42Z | 2026-03-04T10:16:00Z",
        // lists, ranges, steps
        "5,35 * * * *    | 2026-03-04T10:15:00Z | 2026-03-04T10:35:00Z",
        "*/15 * * * *    | 2026-03-04T10:46:00Z | 2026-03-04T11:00:00Z",
        "10-20/5 * * * * | 2026-03-04T10:16:00Z | 2026-03-04T10:20:00Z",
        "7/20 * * * *    | 2026-03-04T10:28:00Z | 2026-03-04T10:47:00Z",
        "0 9-17/4 * * *  | 2026-03-04T13:00:00Z | 2026-03-04T17:00:00Z",
        "0 0 31 * *      | 2026-04-01T00:00:00Z | 2026-05-31T00:00:00Z",
        // names of months and days, in any case
        "0 0 1 JAN,jul * | 2026-03-04T00:00:00Z | 2026-07-01T00:00:00Z",
        "0 12 * * mon-FRI | 2026-03-06T12:00:00Z | 2026-03-09T12:00:00Z",
        "0 0 * * sun     | 2026-03-04T00:00:00Z | 2026-03-08T00:00:00Z",
        // day of month OR day of week when both are restricted
        "0 0 13 * 5      | 2026-03-01T00:00:00Z | 2026-03-06T00:00:00Z",
        "0 0 13 * 5      | 2026-03-12T00:00:00Z | 2026-03-13T00:00:00Z",
        "0 0 */2 * 1     | 2026-03-01T00:00:00Z | 2026-03-02T00:00:00Z",
        // ... and AND when one is a star
        "0 0 13 * *      | 2026-03-01T00:00:00Z | 2026-03-13T00:00:00Z",
        "0 0 * * 5       | 2026-03-06T00:00:00Z | 2026-03-13T00:00:00Z",
        "0 0 ? * 5       | 2026-03-06T00:00:00Z | 2026-03-13T00:00:00Z",
        // leap day
        "0 0 29 2 *      | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z",
        // macros
        "@yearly         | 2026-03-04T10:15:00Z | 2027-01-01T00:00:00Z",
        "@annually       | 2026-03-04T10:15:00Z | 2027-01-01T00:00:00Z",
        "@monthly        | 2026-03-04T10:15:00Z | 2026-04-01T00:00:00Z",
        "@weekly         | 2026-03-04T10:15:00Z | 2026-03-08T00:00:00Z",
        "@daily          | 2026-03-04T10:15:00Z | 2026-03-05T00:00:00Z",
        "@midnight       | 2026-03-04T10:15:00Z | 2026-03-05T00:00:00Z",
        "@hourly         | 2026-03-04T10:15:00Z | 2026-03-04T11:00:00Z",
        "@every 90s      | 2026-03-04T10:15:00Z | 2026-03-04T10:16:30Z",
      })
  void nextTimeInUtc(String spec, String after, String next) {
    assertThat(CronSchedule.parse(spec).next(at(after), ZoneOffset.UTC)).isEqualTo(at(next));
  }

  @ParameterizedTest(name = "[{0}] in New York after {1} is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // 2:30 does not exist on 8 March 2026 (2:00 -> 3:00): that day is skipped
        "30 2 * * *  | 2026-03-07T12:00-05:00 | 2026-03-09T02:30-04:00",
        // hourly across the jump: one real hour later
        "0 * * * *   | 2026-03-08T01:00-05:00 | 2026-03-08T03:00-04:00",
        // 1:30 occurs twice on 1 November 2026 (2:00 -> 1:00): it runs twice
        "30 1 * * *  | 2026-11-01T00:00-04:00 | 2026-11-01T01:30-04:00",
        "30 1 * * *  | 2026-11-01T01:30-04:00 | 2026-11-01T01:30-05:00",
        "30 1 * * *  | 2026-11-01T01:30-05:00 | 2026-11-02T01:30-05:00",
        // midnight stays local midnight on either side of a change
        "@daily      | 2026-03-07T23:00-05:00 | 2026-03-08T00:00-05:00",
        "@daily      | 2026-03-08T00:00-05:00 | 2026-03-09T00:00-04:00",
      })
  void nextTimeFollowsTheZonesWallClock(String spec, String after, String next) {
    ZoneId ny = ZoneId.of("America/New_York");
    assertThat(CronSchedule.parse(spec).next(at(after), ny)).isEqualTo(at(next));
  }

  @ParameterizedTest(name = "[{0}] is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "* * * *",
        "* * * * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 7",
        "5-1 * * * *",
        "*/0 * * * *",
        "1/2/3 * * * *",
        "1-2-3 * * * *",
        "x * * * *",
        "* * * foo *",
        "@reboot",
        "@every never"
      })
  void refusesMalformedSchedules(String spec) {
    assertThatThrownBy(() -> CronSchedule.parse(spec)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "[{0}] never runs")
  @CsvSource({"0 0 30 2 *", "0 0 31 4 *"})
  void impossibleDatesHaveNoNextTime(String spec) {
    assertThat(CronSchedule.parse(spec).next(at("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).isNull();
  }
}
