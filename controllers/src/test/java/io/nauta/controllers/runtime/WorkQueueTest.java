package io.nauta.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  @Test
  void aKeyAddedManyTimesIsQueuedOnce() throws Exception {
    try (WorkQueue q = new WorkQueue("t")) {
      q.add("a");
      q.add("b");
      q.add("a");
      assertThat(q.length()).isEqualTo(2);
      assertThat(q.take()).isEqualTo("a");
      assertThat(q.take()).isEqualTo("b");
    }
  }

  @Test
  void aKeyBeingProcessedIsNotHandedOutAgainUntilDone() throws Exception {
    try (WorkQueue q = new WorkQueue("t")) {
      q.add("a");
      assertThat(q.take()).isEqualTo("a");
      q.add("a"); // changed while a worker syncs it
      assertThat(q.length()).isZero();
      CompletableFuture<String> second =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return q.take();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(100);
      assertThat(second).isNotDone();
      q.done("a");
      assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("a");
    }
  }

  @Test
  void failuresBackOffExponentiallyUntilForgotten() throws Exception {
    try (WorkQueue q = new WorkQueue("t", Duration.ofMillis(5), Duration.ofSeconds(1))) {
      assertThat(q.backoff(0)).isEqualTo(Duration.ofMillis(5));
      assertThat(q.backoff(3)).isEqualTo(Duration.ofMillis(40));
      assertThat(q.backoff(20)).isEqualTo(Duration.ofSeconds(1));
      q.addRateLimited("a");
      q.addRateLimited("a");
      assertThat(q.failures("a")).isEqualTo(2);
      assertThat(q.take()).isEqualTo("a");
      q.forget("a");
      assertThat(q.failures("a")).isZero();
    }
  }
}
