package io.nauta.store.etcd;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.nauta.store.Event;
import io.nauta.store.KeyValue;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import io.nauta.store.etcd.wire.WatchCreateRequest;
import io.nauta.store.etcd.wire.WatchGrpc;
import io.nauta.store.etcd.wire.WatchProgressRequest;
import io.nauta.store.etcd.wire.WatchRequest;
import io.nauta.store.etcd.wire.WatchResponse;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One store watch over one etcd watch stream. When the stream breaks (a member dies, loses its
 * leader) it is opened again from the revision after the last one received, so the listener sees
 * every event exactly once across reconnects. Events go through a bounded queue to a delivery
 * thread of the watch's own; a listener that lets the queue fill is ended with SLOW_WATCHER.
 */
final class EtcdWatch implements Watch {

  private static final Object CLOSE = new Object();
  private static final Metadata.Key<String> REQUIRE_LEADER =
      Metadata.Key.of("hasleader", Metadata.ASCII_STRING_MARSHALLER);
  private static final ScheduledExecutorService RECONNECTS =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("etcd-watch-reconnect").unstarted(r));

  private record Progress(long revision) {}

  private final Channel channel;
  private final EtcdKeys keys;
  private final String prefix;
  private final WatchListener listener;
  private final int queueLimit;
  private final Set<EtcdWatch> registry;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile long nextRevision;
  private volatile boolean closed;
  private volatile boolean ended;
  private Stream stream; // guarded by this
  private int failures; // guarded by this

  EtcdWatch(
      Channel channel,
      EtcdKeys keys,
      String prefix,
      long afterRevision,
      WatchListener listener,
      int queueLimit,
      Set<EtcdWatch> registry) {
    Metadata headers = new Metadata();
    // etcd then ends the stream when its member has no leader, instead of leaving it silent
    headers.put(REQUIRE_LEADER, "true");
    this.channel =
        io.grpc.ClientInterceptors.intercept(
            channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    this.keys = keys;
    this.prefix = prefix;
    this.listener = listener;
    this.queueLimit = queueLimit;
    this.nextRevision = afterRevision + 1;
    this.registry = registry;
  }

  void start() {
    Thread.ofVirtual().name("etcd-watch-" + prefix).start(this::deliver);
    connect();
  }

  private synchronized void connect() {
    if (closed || ended) {
      return;
    }
    Stream next = new Stream();
    WatchGrpc.newStub(channel).watch(next);
    stream = next;
    next.requests.onNext(
        WatchRequest.newBuilder()
            .setCreateRequest(
                WatchCreateRequest.newBuilder()
                    .setKey(keys.rangeStart(prefix))
                    .setRangeEnd(keys.rangeEnd(prefix))
                    .setStartRevision(nextRevision)
                    .setPrevKv(true)
                    .setProgressNotify(true))
            .build());
  }

  @Override
  public synchronized void requestProgress() {
    if (stream != null && !closed && !ended) {
      stream.requests.onNext(
          WatchRequest.newBuilder()
              .setProgressRequest(WatchProgressRequest.getDefaultInstance())
              .build());
    }
  }

  @Override
  public void close() {
    registry.remove(this);
    synchronized (this) {
      closed = true;
      if (stream != null) {
        stream.requests.cancel("watch closed", null);
      }
    }
    queue.add(CLOSE);
  }

  private void received(Stream from, WatchResponse response) {
    synchronized (this) {
      if (from != stream || closed || ended) {
        return;
      }
      failures = 0;
    }
    if (response.getCanceled()) {
      if (response.getCompactRevision() > 0) {
        end(
            new StoreException(
                StoreException.Code.COMPACTED,
                "revision "
                    + nextRevision
                    + " has been compacted (compact revision "
                    + response.getCompactRevision()
                    + ")"));
      } else {
        lost(from);
      }
      return;
    }
    if (response.getEventsCount() > 0) {
      long from0 = nextRevision;
      long last = from0 - 1;
      for (io.nauta.store.etcd.wire.Event event : response.getEventsList()) {
        long revision = event.getKv().getModRevision();
        if (revision >= from0) {
          if (event.getType() == io.nauta.store.etcd.wire.Event.EventType.DELETE
              && !event.hasPrevKv()) {
            // the deleted version was compacted away: the watcher must start over from a list
            end(
                new StoreException(
                    StoreException.Code.COMPACTED,
                    "the version deleted at " + revision + " has been compacted"));
            return;
          }
          enqueue(event(event, revision));
          last = revision;
        }
      }
      nextRevision = Math.max(nextRevision, last + 1);
    } else if (!response.getCreated()) {
      // a progress notification: every event up to this revision has been sent
      long revision = response.getHeader().getRevision();
      nextRevision = Math.max(nextRevision, revision + 1);
      enqueue(new Progress(revision));
    }
  }

  private Event event(io.nauta.store.etcd.wire.Event event, long revision) {
    KeyValue previous = event.hasPrevKv() ? keys.keyValue(event.getPrevKv()) : null;
    if (event.getType() == io.nauta.store.etcd.wire.Event.EventType.DELETE) {
      return new Event(Event.Type.DELETE, revision, previous, previous);
    }
    return new Event(Event.Type.PUT, revision, keys.keyValue(event.getKv()), previous);
  }

  private void enqueue(Object item) {
    if (ended || closed) {
      return;
    }
    if (queue.size() >= queueLimit) {
      end(
          new StoreException(
              StoreException.Code.SLOW_WATCHER,
              "the watcher fell more than " + queueLimit + " events behind"));
      return;
    }
    queue.add(item);
  }

  /** Ends the watch with {@code error}, unless it has ended or been closed already. */
  void end(StoreException error) {
    registry.remove(this);
    synchronized (this) {
      if (ended || closed) {
        return;
      }
      ended = true;
      if (stream != null) {
        stream.requests.cancel("watch ended", null);
      }
    }
    queue.clear();
    queue.add(error);
  }

  private synchronized void lost(Stream from) {
    if (from != stream || closed || ended) {
      return;
    }
    failures++;
    long delay = Math.min(2000, 50L << Math.min(failures, 6));
    RECONNECTS.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void deliver() {
    try {
      while (true) {
        Object item = queue.take();
        if (item == CLOSE || closed) {
          return;
        }
        switch (item) {
          case Event event -> listener.onEvent(event);
          case Progress progress -> listener.onProgress(progress.revision());
          case StoreException error -> {
            listener.onError(error);
            return;
          }
          default -> throw new IllegalStateException("unexpected " + item);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One etcd watch stream; a broken one is replaced by a new one. */
  private final class Stream implements ClientResponseObserver<WatchRequest, WatchResponse> {
    private ClientCallStreamObserver<WatchRequest> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
      this.requests = requestStream;
    }

    @Override
    public void onNext(WatchResponse response) {
      received(this, response);
    }

    @Override
    public void onError(Throwable failure) {
      lost(this);
    }

    @Override
    public void onCompleted() {
      lost(this);
    }
  }
}
