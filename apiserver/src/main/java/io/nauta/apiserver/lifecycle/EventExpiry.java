package io.nauta.apiserver.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes Events a time-to-live after they last happened (kube-apiserver's {@code --event-ttl}, one
 * hour by default), so a long-running cluster's events do not grow without bound.
 *
 * <p>An event's last activity is the newest of its {@code lastTimestamp}, {@code
 * series.lastObservedTime}, {@code eventTime} and creation time; a recurring event that is updated
 * lives on. The sweep reads the events through the watch cache (no load on etcd) and deletes each
 * expired one only if unchanged since it was read, so several API servers sweeping one store never
 * delete an event that was just updated. Kubernetes attaches an etcd lease to each event instead; a
 * lease shared by many events expires them all in one revision, which this store contract (one
 * revision per write) does not allow, and a lease per event costs a grant per create.
 */
public final class EventExpiry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventExpiry.class);

  /** Where core/v1 and events.k8s.io/v1 events are kept. */
  static final String PREFIX = "/registry/core/events/";

  private final Store store;
  private final Duration ttl;
  private final Clock clock;
  private ScheduledExecutorService timer;

  public EventExpiry(Store store, Duration ttl, Clock clock) {
    this.store = store;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Sweeps every quarter of the TTL (at most every minute, at least every second). */
  public EventExpiry start() {
    long period = Math.max(1_000, Math.min(60_000, ttl.toMillis() / 4));
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("nauta-event-expiry").unstarted(r));
    timer.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
    return this;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.warn("Expiring events failed; trying again later: {}", e.getMessage());
    }
  }

  /**
   * Deletes every event whose last activity is more than the TTL ago.
   *
   * @return how many were deleted
   */
  public int sweep() {
    Instant cutoff = clock.instant().minus(ttl);
    int deleted = 0;
    for (KeyValue kv : store.range(RangeRequest.prefix(PREFIX)).items()) {
      Instant last = lastActivity(Codec.parseStored(kv.value()));
      if (last != null && last.isBefore(cutoff)) {
        try {
          if (store.delete(kv.key(), kv.modRevision()).join().ok()) {
            deleted++;
          }
        } catch (StoreException | java.util.concurrent.CompletionException e) {
          LOG.debug("Event {} not expired now: {}", kv.key(), e.getMessage());
        }
      }
    }
    return deleted;
  }

  /** The newest time the event records, or null if it records none. */
  static Instant lastActivity(ObjectNode event) {
    Instant last = null;
    for (JsonNode time :
        new JsonNode[] {
          event.path("lastTimestamp"),
          event.path("series").path("lastObservedTime"),
          event.path("eventTime"),
          event.path("metadata").path("creationTimestamp")
        }) {
      if (time.isTextual() && !time.asText().isEmpty()) {
        try {
          Instant t = Instant.parse(time.asText());
          if (last == null || t.isAfter(last)) {
            last = t;
          }
        } catch (DateTimeParseException e) {
          // not a time: ignored
        }
      }
    }
    return last;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
