package io.nauta.scheduler;

import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {

  /** A clock tests move by hand. */
  static final class FakeClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
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
  }

  private static Pod withPriority(String name, int priority) {
    return pod(name, null, null).editSpec().withPriority(priority).endSpec().build();
  }

  @Test
  void popsHigherPriorityFirstThenOlder() throws Exception {
    FakeClock clock = new FakeClock();
    SchedulingQueue q = new SchedulingQueue(clock);
    q.add(withPriority("low-old", 0));
    clock.now = clock.now.plusSeconds(1);
    q.add(withPriority("high", 100));
    clock.now = clock.now.plusSeconds(1);
    q.add(withPriority("low-new", 0));
    assertThat(q.pop(Duration.ZERO).key()).isEqualTo("default/high");
    assertThat(q.pop(Duration.ZERO).key()).isEqualTo("default/low-old");
    assertThat(q.pop(Duration.ZERO).key()).isEqualTo("default/low-new");
  }

  @Test
  void unschedulablePodsWaitForAClusterEventAndTheirBackoff() throws Exception {
    FakeClock clock = new FakeClock();
    SchedulingQueue q = new SchedulingQueue(clock);
    q.add(pod("p"));
    SchedulingQueue.QueuedPod first = q.pop(Duration.ZERO);
    q.unschedulable(first);
    assertThat(q.pop(Duration.ZERO)).isNull();

    q.moveAllToActive();
    assertThat(q.pop(Duration.ZERO)).as("still backing off").isNull();
    clock.now = clock.now.plusSeconds(1);
    SchedulingQueue.QueuedPod again = q.pop(Duration.ZERO);
    assertThat(again.key()).isEqualTo("default/p");
    assertThat(again.attempts()).isEqualTo(2);
  }

  @Test
  void backoffDoublesUpToTenSeconds() {
    assertThat(SchedulingQueue.backoffFor(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(SchedulingQueue.backoffFor(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(SchedulingQueue.backoffFor(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(SchedulingQueue.backoffFor(9)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void removedPodsAreNotRequeued() throws Exception {
    SchedulingQueue q = new SchedulingQueue(new FakeClock());
    q.add(pod("gone"));
    SchedulingQueue.QueuedPod p = q.pop(Duration.ZERO);
    q.remove("default/gone");
    q.backoff(p);
    q.moveAllToActive();
    assertThat(q.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  void aClusterEventDuringTheCycleSendsTheFailedPodToBackoffNotToThePark() throws Exception {
    FakeClock clock = new FakeClock();
    SchedulingQueue q = new SchedulingQueue(clock);
    q.add(pod("p"));
    SchedulingQueue.QueuedPod inCycle = q.pop(Duration.ZERO);
    q.moveAllToActive(); // e.g. a node was added while the cycle ran on an older snapshot
    q.unschedulable(inCycle);
    assertThat(q.sizes()).containsExactly(0, 1, 0);
  }

  @Test
  void parkedPodsAreRetriedAfterAMinuteEvenWithoutEvents() throws Exception {
    FakeClock clock = new FakeClock();
    SchedulingQueue q = new SchedulingQueue(clock);
    q.add(pod("p"));
    q.unschedulable(q.pop(Duration.ZERO));
    clock.now = clock.now.plusSeconds(61);
    assertThat(q.pop(Duration.ZERO)).isNotNull();
  }
}
