package io.nauta.store;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WatchListener} that records every call, in order, for tests; thread-safe. It can be made
 * to block in {@code onEvent} to play a slow client.
 */
public final class RecordingListener implements WatchListener {

  /** A recorded {@link #onProgress} call. */
  public record Progress(long revision) {}

  private final List<Object> calls = new ArrayList<>();
  private final CountDownLatch release;

  /** A listener that returns at once. */
  public RecordingListener() {
    this(new CountDownLatch(0));
  }

  private RecordingListener(CountDownLatch release) {
    this.release = release;
  }

  /** A listener whose {@code onEvent} blocks until {@link #unblock()}. */
  public static RecordingListener blocked() {
    return new RecordingListener(new CountDownLatch(1));
  }

  public void unblock() {
    release.countDown();
  }

  @Override
  public void onEvent(Event event) {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    record(event);
  }

  @Override
  public void onProgress(long revision) {
    record(new Progress(revision));
  }

  @Override
  public void onError(StoreException error) {
    record(error);
  }

  private synchronized void record(Object call) {
    calls.add(call);
  }

  /** Every call so far: {@link Event}, {@link Progress} or {@link StoreException}. */
  public synchronized List<Object> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Event> events() {
    return calls.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
  }

  public List<Long> revisions() {
    return events().stream().map(Event::revision).toList();
  }

  /** The error that ended the watch, or null. */
  public synchronized StoreException error() {
    return calls.stream()
        .filter(StoreException.class::isInstance)
        .map(StoreException.class::cast)
        .findFirst()
        .orElse(null);
  }

  /** Waits until an event with {@code revision} or later has arrived. */
  public void awaitRevision(long revision) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events().stream().anyMatch(e -> e.revision() >= revision));
  }

  /** Waits until the watch has ended with an error. */
  public StoreException awaitError() {
    await().atMost(Duration.ofSeconds(30)).until(() -> error() != null);
    return error();
  }
}
