package io.nauta.store.cache;

import io.nauta.store.Event;
import io.nauta.store.KeyOrder;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WatchListener;
import io.nauta.store.WriteResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} that serves lists and watches from memory, in front of the store that holds the
 * data (etcd or the embedded engine); Kubernetes' cacher in front of etcd3.
 *
 * <p>At open it lists every key of the store beneath at one revision, then follows one watch of the
 * whole key space from that revision, keeping the newest version of each key and the last {@link
 * WatchCacheOptions#windowEvents()} events. Writes and single-key reads go to the store beneath. A
 * range at the latest revision asks the store beneath for its current revision and waits until the
 * cache has applied it, so it sees every write acknowledged before it (a consistent read); a range
 * at the cache's revision or of a paged list's snapshot is served from memory, other revisions by
 * the store beneath. A watch starting inside the window is served from memory however many there
 * are; one starting before it goes to the store beneath.
 *
 * <p>If the watch beneath fails (history compacted under it, the store closed), every watch the
 * cache serves ends with COMPACTED, so clients list again, and the cache lists again itself; until
 * it has, reads and watches go to the store beneath. Thread-safe; closing the cache closes the
 * store beneath.
 */
public final class WatchCache implements Store {

  private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
  private static final int LOAD_PAGE = 1000;

  /** A paged list's snapshot is kept for its continuations up to this many pages. */
  static final int SNAPSHOT_PAGES = 50;

  private final Store store;
  private final WatchCacheOptions options;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Condition advanced = lock.writeLock().newCondition();
  private final NavigableMap<String, KeyValue> items = new TreeMap<>(KeyOrder.COMPARATOR);
  private final EventWindow window;
  private final List<CacheWatch> watches = new ArrayList<>(); // guarded by lock
  private final ListSnapshots snapshots;
  private final ProgressRounds progress;
  private volatile long revision; // every event up to it is applied
  private volatile long knownCompactRevision;
  private volatile boolean ready; // guarded by lock for writes
  private int generation; // guarded by lock: which watch beneath is current
  private Watch upstream; // guarded by lock
  private volatile boolean closed;

  private WatchCache(Store store, WatchCacheOptions options) {
    this.store = store;
    this.options = options;
    this.window = new EventWindow(options.windowEvents(), 0);
    this.snapshots =
        new ListSnapshots(options.listSnapshots(), options.snapshotLifetime().toNanos());
    this.progress = new ProgressRounds(this);
  }

  /**
   * Loads every key of {@code store} and starts following it.
   *
   * @throws StoreException if {@code store} cannot be listed
   */
  public static WatchCache open(Store store, WatchCacheOptions options) {
    WatchCache cache = new WatchCache(store, options);
    cache.load();
    return cache;
  }

  /** The store beneath. */
  public Store store() {
    return store;
  }

  /** The revision the cache has applied every event up to. */
  public long cachedRevision() {
    return revision;
  }

  /**
   * The cached value of {@code key}, which may lag the store by the events not yet applied, as
   * Kubernetes' admission plugins read from informers; from the store beneath while the cache is
   * not serving.
   */
  @Override
  public KeyValue peek(String key) {
    if (!options.cachedPeeks()) {
      return store.get(key);
    }
    lock.readLock().lock();
    try {
      if (ready) {
        return items.get(key);
      }
    } finally {
      lock.readLock().unlock();
    }
    return store.get(key);
  }

  // ---- loading and following the store beneath

  private void load() {
    NavigableMap<String, KeyValue> loaded = new TreeMap<>(KeyOrder.COMPARATOR);
    long at = 0;
    String start = null;
    while (true) {
      RangeResult page = store.range(new RangeRequest("", start, LOAD_PAGE, at));
      at = page.revision();
      for (KeyValue kv : page.items()) {
        loaded.put(kv.key(), kv);
      }
      if (!page.more() || page.items().isEmpty()) {
        break;
      }
      start = page.items().get(page.items().size() - 1).key() + "\u0000";
    }
    knownCompactRevision = Math.max(knownCompactRevision, store.compactRevision());
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      items.clear();
      items.putAll(loaded);
      window.reset(at);
      snapshots.clear();
      revision = at;
      int current = ++generation;
      upstream = store.watch("", at, new Follower(current));
      ready = true;
      advanced.signalAll();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Applies one event of the watch beneath and hands it to the cache's watches. */
  private void apply(int follower, Event event) {
    lock.writeLock().lock();
    try {
      if (follower != generation || !ready) {
        return;
      }
      if (event.type() == Event.Type.PUT) {
        items.put(event.kv().key(), event.kv());
      } else {
        items.remove(event.kv().key());
      }
      window.add(event);
      watches.removeIf(watch -> !watch.offer(event));
      revision = event.revision();
      advanced.signalAll();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void advance(int follower, long to) {
    lock.writeLock().lock();
    try {
      if (follower == generation && ready && to > revision) {
        revision = to;
        advanced.signalAll();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The watch beneath ended: ends every cache watch and lists again (until closed). */
  private void lost(int follower, StoreException error) {
    lock.writeLock().lock();
    try {
      if (follower != generation || closed) {
        return;
      }
      ready = false;
      generation++;
      StoreException end =
          new StoreException(
              StoreException.Code.COMPACTED,
              "the watch cache lost its watch of the store and lists again: " + error.getMessage());
      for (CacheWatch watch : watches) {
        watch.end(end);
      }
      watches.clear();
      snapshots.clear();
      advanced.signalAll();
    } finally {
      lock.writeLock().unlock();
    }
    LOG.warn("Watch cache lost its watch ({}); listing the store again", error.getMessage());
    Thread.ofVirtual().name("nauta-watch-cache-reload").start(this::reload);
  }

  private void reload() {
    long backoff = 100;
    while (!closed) {
      try {
        load();
        return;
      } catch (StoreException e) {
        if (e.code() == StoreException.Code.CLOSED) {
          return;
        }
        LOG.warn("Watch cache could not list the store: {}", e.getMessage());
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff = Math.min(backoff * 2, 5_000);
    }
  }

  private final class Follower implements WatchListener {
    private final int generation;

    Follower(int generation) {
      this.generation = generation;
    }

    @Override
    public void onEvent(Event event) {
      apply(generation, event);
    }

    @Override
    public void onProgress(long at) {
      advance(generation, at);
    }

    @Override
    public void onError(StoreException error) {
      lost(generation, error);
    }
  }

  /**
   * Waits until the cache has applied every event up to {@code target}; false if it has not within
   * the consistent-read timeout (or is not serving).
   */
  boolean awaitRevision(long target) {
    if (revision >= target) {
      return true;
    }
    Watch beneath;
    lock.readLock().lock();
    try {
      beneath = upstream;
    } finally {
      lock.readLock().unlock();
    }
    if (beneath != null) {
      beneath.requestProgress(); // moves the cache on when the newest revisions are not ours
    }
    long deadline = System.nanoTime() + options.consistentReadTimeout().toNanos();
    lock.writeLock().lock();
    try {
      while (revision < target && ready && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        advanced.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        if (revision < target && upstream != null) {
          upstream.requestProgress();
        }
      }
      return revision >= target && ready;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- reads

  @Override
  public long currentRevision() {
    return store.currentRevision();
  }

  @Override
  public long compactRevision() {
    long compacted = store.compactRevision();
    knownCompactRevision = Math.max(knownCompactRevision, compacted);
    return compacted;
  }

  @Override
  public KeyValue get(String key) {
    return store.get(key);
  }

  @Override
  public RangeResult range(RangeRequest request) {
    if (request.revision() == 0) {
      if (!ready || !awaitRevision(store.currentRevision())) {
        return store.range(request);
      }
      return fromMemory(request, true);
    }
    List<KeyValue> snapshot = snapshots.get(request.prefix(), request.revision());
    if (snapshot != null) {
      return page(request, snapshot, request.revision());
    }
    if (ready && request.revision() == revision && request.revision() >= knownCompactRevision) {
      RangeResult result = fromMemory(request, false);
      if (result != null) {
        return result;
      }
    }
    return store.range(request);
  }

  /**
   * A range of the cached keys at the cache's revision; null if the revision moved meanwhile. A
   * paged read keeps the whole matching set as a snapshot for its continuations when it is at most
   * {@link #SNAPSHOT_PAGES} pages; a larger one (a small page of a big collection) is counted, not
   * copied, and its continuations read memory if the cache has not moved on, else the store.
   */
  private RangeResult fromMemory(RangeRequest request, boolean latest) {
    String prefix = request.prefix();
    String from =
        request.startKey() != null && KeyOrder.compare(request.startKey(), prefix) > 0
            ? request.startKey()
            : prefix;
    int limit = request.limit();
    long cap = limit == 0 ? Long.MAX_VALUE : (long) limit * SNAPSHOT_PAGES;
    List<KeyValue> whole = limit > 0 && from.equals(prefix) ? new ArrayList<>() : null;
    List<KeyValue> page = new ArrayList<>();
    long matched = 0;
    long at;
    lock.readLock().lock();
    try {
      at = revision;
      if (!latest && at != request.revision()) {
        return null;
      }
      for (KeyValue kv : items.tailMap(from, true).values()) {
        if (!kv.key().startsWith(prefix)) {
          break;
        }
        matched++;
        if (limit == 0 || page.size() < limit) {
          page.add(kv);
        }
        if (whole != null) {
          if (matched <= cap) {
            whole.add(kv);
          } else {
            whole = null;
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    long remaining = matched - page.size();
    if (whole != null && remaining > 0) {
      snapshots.put(prefix, at, whole);
    }
    return new RangeResult(Collections.unmodifiableList(page), remaining > 0, remaining, at);
  }

  /** One page of {@code all} (every key of the prefix at {@code at}, in order). */
  private RangeResult page(RangeRequest request, List<KeyValue> all, long at) {
    int from = 0;
    if (request.startKey() != null) {
      int low = 0;
      int high = all.size();
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (KeyOrder.compare(all.get(mid).key(), request.startKey()) < 0) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      from = low;
    }
    int to =
        request.limit() == 0
            ? all.size()
            : (int) Math.min(all.size(), (long) from + request.limit());
    long remaining = all.size() - to;
    return new RangeResult(
        Collections.unmodifiableList(new ArrayList<>(all.subList(from, to))),
        remaining > 0,
        remaining,
        at);
  }

  // ---- writes go to the store beneath

  @Override
  public CompletableFuture<WriteResult> create(String key, byte[] value) {
    return store.create(key, value);
  }

  @Override
  public CompletableFuture<WriteResult> update(String key, byte[] value, long expectedModRevision) {
    return store.update(key, value, expectedModRevision);
  }

  @Override
  public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
    return store.delete(key, expectedModRevision);
  }

  @Override
  public void compact(long revision) {
    store.compact(revision);
    knownCompactRevision = Math.max(knownCompactRevision, revision);
  }

  // ---- watches

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    if (closed) {
      return store.watch(prefix, afterRevision, listener);
    }
    lock.writeLock().lock();
    try {
      if (ready
          && afterRevision >= window.completeAfter()
          && afterRevision >= knownCompactRevision - 1) {
        CacheWatch watch =
            new CacheWatch(this, prefix, afterRevision, listener, options.queueLimit());
        watch.replay(window.after(afterRevision, prefix));
        watches.add(watch);
        return watch;
      }
    } finally {
      lock.writeLock().unlock();
    }
    return store.watch(prefix, afterRevision, listener);
  }

  /** How many watches the cache serves itself (the store beneath has one, the cache's). */
  public int watchCount() {
    lock.readLock().lock();
    try {
      return watches.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  void requestProgress(CacheWatch watch) {
    progress.request(watch);
  }

  /** Queues a progress notification at the cache's revision to each of {@code waiting}. */
  void offerProgress(List<CacheWatch> waiting) {
    lock.readLock().lock();
    try {
      for (CacheWatch watch : waiting) {
        watch.progress(revision);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  void remove(CacheWatch watch) {
    lock.writeLock().lock();
    try {
      watches.remove(watch);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    Watch beneath;
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      ready = false;
      generation++;
      beneath = upstream;
      upstream = null;
      StoreException end = new StoreException(StoreException.Code.CLOSED, "the store is closed");
      for (CacheWatch watch : watches) {
        watch.end(end);
      }
      watches.clear();
      advanced.signalAll();
    } finally {
      lock.writeLock().unlock();
    }
    if (beneath != null) {
      beneath.close();
    }
    store.close();
  }
}
