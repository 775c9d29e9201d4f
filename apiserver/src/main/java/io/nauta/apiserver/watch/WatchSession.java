package io.nauta.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.ListOptions;
import io.nauta.apiserver.registry.Lister;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.Selection;
import io.nauta.apiserver.status.ApiException;
import io.nauta.apiserver.status.StatusObjects;
import io.nauta.store.Event;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client watch. Objects entering the selection arrive as ADDED, changing within it as MODIFIED,
 * leaving it or deleted as DELETED — as Kubernetes' watch cache does.
 */
public final class WatchSession implements WatchListener {
  private final ResourceType rt;
  private final Selection selection;
  private final WatchEventSink sink;
  private final boolean bookmarks;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SharedEvents shared;
  private final String variant; // what besides the event type decides a served event's bytes
  private volatile Watch storeWatch;
  private ScheduledFuture<?> timeout;
  private ScheduledFuture<?> ticker;

  private WatchSession(
      ResourceType rt,
      Selection selection,
      WatchEventSink sink,
      boolean bookmarks,
      SharedEvents shared) {
    this.shared = shared;
    this.variant = rt.groupVersion() + "/" + rt.plural() + "/";
    this.rt = rt;
    this.selection = selection;
    this.sink = sink;
    this.bookmarks = bookmarks;
  }

  /**
   * Starts a watch. Sends the initial ADDED events first when the request asks for them (no
   * resourceVersion, "0", or sendInitialEvents=true).
   *
   * @throws ApiException 400 for bad options (before anything is written)
   */
  public static WatchSession start(
      Store store,
      SharedEvents shared,
      ResourceType rt,
      String namespace,
      ListOptions opts,
      WatchEventSink sink,
      ScheduledExecutorService timer,
      long bookmarkIntervalMillis) {
    Selection sel = Selection.of(rt, opts.labelSelector(), opts.fieldSelector());
    String prefix =
        rt.namespaced() && namespace != null && !namespace.isEmpty()
            ? rt.storagePrefix() + namespace + "/"
            : rt.storagePrefix();
    String rv = opts.resourceVersion();
    boolean initial =
        opts.sendInitialEvents() != null
            ? opts.sendInitialEvents()
            : rv == null || rv.isEmpty() || rv.equals("0");
    long from = rv == null || rv.isEmpty() || rv.equals("0") ? -1 : Lister.parseResourceVersion(rv);
    WatchSession s = new WatchSession(rt, sel, sink, opts.allowWatchBookmarks(), shared);
    long after;
    try {
      if (initial) {
        if (from > 0) {
          Lister.parseResourceVersion(rv);
        }
        after = s.sendInitial(store, prefix);
        if (Boolean.TRUE.equals(opts.sendInitialEvents())) {
          ObjectNode b = s.bookmark(after);
          Meta.of(b).putObject("annotations").put("k8s.io/initial-events-end", "true");
          sink.send("BOOKMARK", b);
        }
      } else {
        after = from;
      }
    } catch (StoreException e) {
      s.fail(e);
      return s;
    }
    long seconds =
        opts.timeoutSeconds() > 0
            ? opts.timeoutSeconds()
            : 1800 + ThreadLocalRandom.current().nextLong(1800);
    s.timeout = timer.schedule(s::close, seconds, TimeUnit.SECONDS);
    s.storeWatch = store.watch(prefix, after, s);
    if (s.bookmarks) {
      s.ticker =
          timer.scheduleAtFixedRate(
              () -> {
                Watch w = s.storeWatch;
                if (w != null && !s.closed.get()) {
                  w.requestProgress();
                }
              },
              bookmarkIntervalMillis,
              bookmarkIntervalMillis,
              TimeUnit.MILLISECONDS);
    }
    if (s.closed.get()) {
      s.storeWatch.close();
    }
    return s;
  }

  private long sendInitial(Store store, String prefix) {
    long revision = 0;
    String start = null;
    while (true) {
      RangeResult r = store.range(new RangeRequest(prefix, start, 500, revision));
      revision = r.revision();
      for (KeyValue kv : r.items()) {
        ObjectNode stored = Codec.parseStored(kv.value());
        if (selection.test(stored)) {
          sink.send("ADDED", served(stored, kv.modRevision()));
        }
      }
      if (!r.more() || r.items().isEmpty()) {
        return revision;
      }
      start = r.items().get(r.items().size() - 1).key() + "\u0000";
    }
  }

  private ObjectNode served(ObjectNode stored, long rv) {
    Meta.of(stored).put("resourceVersion", Long.toString(rv));
    return rt.converter().fromStorage(stored);
  }

  private ObjectNode bookmark(long revision) {
    ObjectNode b = Codec.JSON.createObjectNode();
    b.put("kind", rt.kind());
    b.put("apiVersion", rt.groupVersion());
    Meta.of(b).put("resourceVersion", Long.toString(revision));
    return b;
  }

  @Override
  public void onEvent(Event e) {
    if (closed.get()) {
      return;
    }
    if (!sink.isOpen()) {
      close();
      return;
    }
    SharedEvents.Decoded d = shared.decode(e);
    boolean curIn = d.current() != null && selection.test(d.current());
    boolean prevIn = d.previous() != null && selection.test(d.previous());
    if (e.type() == Event.Type.DELETE) {
      if (selection.test(d.last())) {
        send("DELETED", d.last(), e);
      }
    } else if (curIn && prevIn) {
      send("MODIFIED", d.current(), e);
    } else if (curIn) {
      send("ADDED", d.current(), e);
    } else if (prevIn) {
      send("DELETED", d.current(), e);
    }
  }

  private void send(String type, ObjectNode stored, Event e) {
    sink.send(type, () -> served(stored.deepCopy(), e.revision()), e, variant + type, shared);
  }

  @Override
  public void onProgress(long revision) {
    if (bookmarks && !closed.get() && sink.isOpen()) {
      sink.send("BOOKMARK", bookmark(revision));
    }
  }

  @Override
  public void onError(StoreException error) {
    fail(error);
  }

  private void fail(StoreException error) {
    if (error.code() == StoreException.Code.COMPACTED) {
      sink.send(
          "ERROR",
          StatusObjects.failure(
              ApiException.gone("too old resource version: " + error.getMessage())));
    }
    close();
  }

  /** Ends the watch and the stream; idempotent. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Watch w = storeWatch;
    if (w != null) {
      w.close();
    }
    if (timeout != null) {
      timeout.cancel(false);
    }
    if (ticker != null) {
      ticker.cancel(false);
    }
    sink.end();
  }
}
