package io.nauta.client.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
  @Test
  void eventNamesSortInTheOrderEventsHappenedEvenWithinOneInstant() {
    AtomicLong last = new AtomicLong();
    Instant t = Instant.parse("2026-12-01T12:00:00.123456789Z");
    List<String> names = new ArrayList<>();
    names.add(EventRecorder.name("web", EventRecorder.next(last, t)));
    names.add(EventRecorder.name("web", EventRecorder.next(last, t)));
    names.add(EventRecorder.name("web", EventRecorder.next(last, t.plusSeconds(1))));
    assertThat(names).isSorted().doesNotHaveDuplicates();
    assertThat(names.get(0)).isEqualTo("web." + Long.toHexString(1796126400123456789L));
  }
}
