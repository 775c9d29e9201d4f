package io.nauta.client.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about objects, as {@code kubectl describe} shows them, in the background:
 * events are best effort and never hold up a controller.
 */
public final class EventRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final String component;
  private final Clock clock;
  private final ExecutorService sender;
  private final AtomicLong lastNanos;

  public EventRecorder(KubernetesClient client, String component, Clock clock) {
    this(
        client,
        component,
        clock,
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("events").daemon().factory()),
        new AtomicLong());
  }

  private EventRecorder(
      KubernetesClient client,
      String component,
      Clock clock,
      ExecutorService sender,
      AtomicLong lastNanos) {
    this.client = client;
    this.component = component;
    this.clock = clock;
    this.sender = sender;
    this.lastNanos = lastNanos;
  }

  /**
   * A recorder reporting as {@code component} (e.g. {@code replicaset-controller}), sharing this
   * one's sender.
   */
  public EventRecorder as(String component) {
    return new EventRecorder(client, component, clock, sender, lastNanos);
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    Instant at = clock.instant();
    String name = name(about.getMetadata().getName(), next(lastNanos, at));
    sender.execute(() -> send(about, name, at, type, reason, message));
  }

  /**
   * An event's name as Kubernetes makes it, the object's name and the hex time in nanoseconds, so
   * that listing events (in name order) lists them in the order they happened — {@code kubectl
   * describe} shows events of the same second in that order.
   */
  static String name(String objectName, long nanos) {
    return objectName + "." + Long.toHexString(nanos);
  }

  /** The time of {@code at} in nanoseconds, made later than the last one this recorder used. */
  static long next(AtomicLong last, Instant at) {
    long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    return last.updateAndGet(prev -> Math.max(prev + 1, nanos));
  }

  private void send(
      HasMetadata about, String name, Instant at, String type, String reason, String message) {
    String now = DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    String namespace = about.getMetadata().getNamespace();
    String ns = namespace == null || namespace.isEmpty() ? "default" : namespace;
    try {
      client
          .v1()
          .events()
          .inNamespace(ns)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(ns)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(about.getApiVersion())
                  .withKind(about.getKind())
                  .withName(about.getMetadata().getName())
                  .withNamespace(namespace)
                  .withUid(about.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withCount(1)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withNewSource()
                  .withComponent(component)
                  .endSource()
                  .withReportingComponent(component)
                  .build())
          .create();
    } catch (RuntimeException e) {
      LOG.debug(
          "event {} for {} not recorded: {}",
          reason,
          about.getMetadata().getName(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }
}
