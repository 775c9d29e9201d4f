package io.nauta.controllers.cronjob;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Which schedule time a CronJob should run now: the latest one after {@code earliest} (its last
 * schedule time, or its creation) and not after {@code now}; earlier missed ones are skipped, as
 * Kubernetes does. Finding it stays cheap however long the CronJob was not looked at.
 */
public record ScheduleTimes(Instant latest, Instant next, boolean tooManyMissed) {
  /** More missed runs than this are reported (Event TooManyMissedTimes). */
  static final int MISSED_LIMIT = 100;

  /**
   * The latest schedule time in {@code (earliest, now]} (null if none) and the first after {@code
   * now} (null if none comes).
   */
  public static ScheduleTimes of(
      CronSchedule schedule, ZoneId zone, Instant earliest, Instant now) {
    Instant next = schedule.next(now, zone);
    Instant t = schedule.next(earliest, zone);
    if (t == null || t.isAfter(now)) {
      return new ScheduleTimes(null, next, false);
    }
    for (int count = 1; count <= MISSED_LIMIT; count++) {
      Instant n = schedule.next(t, zone);
      if (n == null || n.isAfter(now)) {
        return new ScheduleTimes(t, next, false);
      }
      t = n;
    }
    // many runs missed: look back from now in growing windows instead of walking them all
    for (Duration window = Duration.ofMinutes(1); ; window = window.multipliedBy(2)) {
      Instant start = now.minus(window);
      if (start.isBefore(earliest)) {
        start = earliest;
      }
      Instant first = schedule.next(start, zone);
      if (first != null && !first.isAfter(now)) {
        Instant latest = first;
        for (Instant n = schedule.next(latest, zone);
            n != null && !n.isAfter(now);
            n = schedule.next(n, zone)) {
          latest = n;
        }
        return new ScheduleTimes(latest, next, true);
      }
    }
  }
}
