package io.nauta.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
  private Instant now = Instant.parse("2026-12-01T00:00:00Z");

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void aKeyIsSettledOnceEveryExpectedCreationAndDeletionIsSeen() {
    Expectations e = new Expectations(clock);
    assertThat(e.satisfied("ns/web")).isTrue();
    e.expect("ns/web", 2, java.util.Set.of("ns/web-old"));
    assertThat(e.satisfied("ns/web")).isFalse();
    e.creationObserved("ns/web");
    e.deletionObserved("ns/web", "ns/web-old");
    e.deletionObserved("ns/web", "ns/web-old"); // terminating, then gone: counted once
    assertThat(e.satisfied("ns/web")).isFalse();
    e.creationObserved("ns/web");
    assertThat(e.satisfied("ns/web")).isTrue();
  }

  @Test
  void aDeletionIsSettledByEitherMomentItIsSeen() {
    Expectations e = new Expectations(clock);
    e.expect("ns/web", 0, java.util.Set.of("ns/a", "ns/b"));
    e.deletionObserved("ns/web", "ns/a"); // seen terminating
    e.deletionObserved("ns/web", "ns/b"); // deleted at once, never seen terminating
    assertThat(e.satisfied("ns/web")).isTrue();
  }

  @Test
  void deletionsTheCacheShowsDoneAreSettledEvenIfTheirEventWasMissed() {
    Expectations e = new Expectations(clock);
    e.expect("ns/web", 0, java.util.Set.of("ns/gone", "ns/still-there"));
    e.settleDeletions("ns/web", k -> k.equals("ns/gone"));
    assertThat(e.satisfied("ns/web")).isFalse();
    assertThat(e.describe("ns/web")).contains("ns/still-there").doesNotContain("ns/gone");
  }

  @Test
  void expectationsExpireInCaseAnEventWasLost() {
    Expectations e = new Expectations(clock);
    e.expect("ns/web", 3, java.util.Set.of());
    now = now.plus(Expectations.TTL).plusSeconds(1);
    assertThat(e.satisfied("ns/web")).isTrue();
  }

  @Test
  void expectationsOfOneSyncAddUp() {
    Expectations e = new Expectations(clock);
    e.expect("ns/web", 0, java.util.Set.of("ns/old"));
    e.expect("ns/web", 1, java.util.Set.of());
    e.creationObserved("ns/web");
    assertThat(e.satisfied("ns/web")).isFalse(); // the deletion is still outstanding
    e.deletionObserved("ns/web", "ns/old");
    assertThat(e.satisfied("ns/web")).isTrue();
    // met expectations do not carry over into the next ones
    e.creationObserved("ns/web");
    e.expect("ns/web", 1, java.util.Set.of());
    e.creationObserved("ns/web");
    assertThat(e.satisfied("ns/web")).isTrue();
  }
}
