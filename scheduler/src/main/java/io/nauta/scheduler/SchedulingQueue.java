package io.nauta.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Pods waiting for a node, in three parts as in Kubernetes: active (ordered by priority, then age),
 * backoff (failed attempts wait 1 s, 2 s, 4 s ... up to 10 s per pod) and unschedulable (parked
 * until a cluster event could make them fit). Thread-safe; {@link #pop} blocks.
 */
public final class SchedulingQueue {
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_UNSCHEDULABLE = Duration.ofSeconds(60);

  /** A pod in the queue and how often it was tried. */
  public static final class QueuedPod {
    private Pod pod;
    private final String key;
    private final Instant added;
    private int attempts;
    private Instant readyAt;
    private long poppedAt;
    private Instant parkedAt;

    QueuedPod(Pod pod, String key, Instant added) {
      this.pod = pod;
      this.key = key;
      this.added = added;
      this.readyAt = added;
    }

    public Pod pod() {
      return pod;
    }

    public String key() {
      return key;
    }

    public int attempts() {
      return attempts;
    }

    int priority() {
      Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
      return p == null ? 0 : p;
    }
  }

  private final Clock clock;
  private final PriorityQueue<QueuedPod> active =
      new PriorityQueue<>(
          Comparator.comparingInt(QueuedPod::priority)
              .reversed()
              .thenComparing(q -> q.added)
              .thenComparing(q -> q.key));
  private final Map<String, QueuedPod> backoff = new HashMap<>();
  private final Map<String, QueuedPod> unschedulable = new HashMap<>();
  private final Map<String, QueuedPod> all = new HashMap<>();
  private final Map<String, QueuedPod> inFlight = new HashMap<>();
  private long moveRequests;

  public SchedulingQueue(Clock clock) {
    this.clock = clock;
  }

  /** The queue key of a pod: {@code namespace/name}. */
  public static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  /** Adds a pod, or refreshes the object of one already queued (in any part). */
  public synchronized void add(Pod pod) {
    String key = key(pod);
    QueuedPod q = all.get(key);
    if (q != null) {
      q.pod = pod;
      return;
    }
    QueuedPod fresh = new QueuedPod(pod, key, clock.instant());
    all.put(key, fresh);
    active.add(fresh);
    notifyAll();
  }

  /** Forgets a pod (deleted, or bound by someone else). */
  public synchronized void remove(String key) {
    QueuedPod q = all.remove(key);
    if (q != null) {
      active.remove(q);
      backoff.remove(key);
      unschedulable.remove(key);
    }
  }

  /**
   * The next pod to schedule, waiting up to {@code timeout}; null if none became ready. The pod
   * stays known to the queue until {@link #done}, {@link #backoff} or {@link #unschedulable}.
   */
  public synchronized QueuedPod pop(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      flushBackoff();
      QueuedPod q = active.poll();
      if (q != null) {
        q.attempts++;
        q.poppedAt = moveRequests;
        inFlight.put(q.key, q);
        return q;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      long waitMillis = Math.max(1, Math.min(left / 1_000_000, 100));
      wait(waitMillis);
    }
  }

  /** The pod was bound: it leaves the queue. */
  public synchronized void done(QueuedPod q) {
    inFlight.remove(q.key);
    all.remove(q.key);
  }

  /** The attempt failed for a passing reason (e.g. a bind error): retry after its backoff. */
  public synchronized void backoff(QueuedPod q) {
    inFlight.remove(q.key);
    if (!all.containsKey(q.key)) {
      return;
    }
    q.readyAt = clock.instant().plus(backoffFor(q.attempts));
    backoff.put(q.key, q);
  }

  /**
   * The pod fits nowhere now: park it until {@link #moveAllToActive} (a cluster event). If such an
   * event came while the pod was being scheduled, its cycle may have missed it: back off instead.
   */
  public synchronized void unschedulable(QueuedPod q) {
    inFlight.remove(q.key);
    if (!all.containsKey(q.key)) {
      return;
    }
    q.readyAt = clock.instant().plus(backoffFor(q.attempts));
    q.parkedAt = clock.instant();
    if (q.poppedAt < moveRequests) {
      backoff.put(q.key, q);
    } else {
      unschedulable.put(q.key, q);
    }
  }

  /** Something changed that may make parked pods fit: retry them (after their backoff). */
  public synchronized void moveAllToActive() {
    moveRequests++;
    backoff.putAll(unschedulable);
    unschedulable.clear();
    notifyAll();
  }

  /** Counts per part: active, backoff, unschedulable. */
  public synchronized int[] sizes() {
    return new int[] {active.size(), backoff.size(), unschedulable.size()};
  }

  static Duration backoffFor(int attempts) {
    Duration d = INITIAL_BACKOFF;
    for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private void flushBackoff() {
    Instant now = clock.instant();
    // a safety net, as in Kubernetes: parked pods are retried after a while even without events
    for (Iterator<QueuedPod> it = unschedulable.values().iterator(); it.hasNext(); ) {
      QueuedPod q = it.next();
      if (!q.parkedAt.plus(MAX_UNSCHEDULABLE).isAfter(now)) {
        it.remove();
        backoff.put(q.key, q);
      }
    }
    for (Iterator<QueuedPod> it = backoff.values().iterator(); it.hasNext(); ) {
      QueuedPod q = it.next();
      if (!q.readyAt.isAfter(now)) {
        it.remove();
        active.add(q);
      }
    }
  }
}
