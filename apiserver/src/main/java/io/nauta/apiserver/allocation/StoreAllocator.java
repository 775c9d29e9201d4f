package io.nauta.apiserver.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;

/**
 * Allocates values of an {@link AllocationRange} as keys {@code prefix + value} in a {@link Store},
 * each created only if absent: whoever creates the key holds the value, so concurrent allocators
 * (threads or API servers sharing the store) never hand out a value twice. The key's value records
 * the {@link Owner} and the time. Thread-safe; every method reads or writes the store (no cache),
 * and store failures surface as {@link StoreException}.
 */
public final class StoreAllocator {
  /** What asking for one value did. */
  public enum Outcome {
    /** The value is now held (or, for {@link #check}, free). */
    ALLOCATED,
    /** Someone holds it already. */
    ALREADY_ALLOCATED,
    /** It is not a value of the range. */
    NOT_IN_RANGE
  }

  /** Random picks tried before the allocator reads the whole range to find a free value. */
  private static final int PROBES = 8;

  private final Store store;
  private final String prefix;
  private final AllocationRange range;
  private final Clock clock;
  private final RandomGenerator random;

  /**
   * @param prefix the key prefix, ending in {@code /}, e.g. {@code /registry/ranges/serviceips/}
   */
  public StoreAllocator(
      Store store, String prefix, AllocationRange range, Clock clock, RandomGenerator random) {
    this.store = store;
    this.prefix = prefix;
    this.range = range;
    this.clock = clock;
    this.random = random;
  }

  public AllocationRange range() {
    return range;
  }

  /** Takes {@code value} for {@code owner} if it is in the range and free. */
  public Outcome allocate(String value, Owner owner) {
    int offset = range.offsetOf(value);
    if (offset < 0) {
      return Outcome.NOT_IN_RANGE;
    }
    return tryCreate(offset, owner) ? Outcome.ALLOCATED : Outcome.ALREADY_ALLOCATED;
  }

  /** What {@link #allocate} would answer now, without taking anything (dry runs). */
  public Outcome check(String value) {
    int offset = range.offsetOf(value);
    if (offset < 0) {
      return Outcome.NOT_IN_RANGE;
    }
    return store.get(key(offset)) == null ? Outcome.ALLOCATED : Outcome.ALREADY_ALLOCATED;
  }

  /**
   * Takes a free value for {@code owner}: a random one outside the static band if there is one,
   * else a random one of the static band.
   *
   * @return the value, or empty when the range is full
   */
  public Optional<String> allocateNext(Owner owner) {
    return next(owner);
  }

  /** A value {@link #allocateNext} could take now, without taking it (dry runs). */
  public Optional<String> peekNext() {
    return next(null);
  }

  private Optional<String> next(Owner owner) {
    int band = range.staticBandSize();
    int dynamic = range.size() - band;
    for (int i = 0; i < PROBES && dynamic > 0; i++) {
      int offset = band + random.nextInt(dynamic);
      if (owner == null ? store.get(key(offset)) == null : tryCreate(offset, owner)) {
        return Optional.of(range.valueAt(offset));
      }
    }
    BitSet taken = taken();
    Optional<String> v = scan(band, range.size(), taken, owner);
    return v.isPresent() ? v : scan(0, band, taken, owner);
  }

  private Optional<String> scan(int from, int to, BitSet taken, Owner owner) {
    int n = to - from;
    if (n <= 0) {
      return Optional.empty();
    }
    int start = random.nextInt(n);
    for (int i = 0; i < n; i++) {
      int offset = from + (start + i) % n;
      if (!taken.get(offset) && (owner == null || tryCreate(offset, owner))) {
        return Optional.of(range.valueAt(offset));
      }
    }
    return Optional.empty();
  }

  /**
   * Frees {@code value} if {@code uid} holds it; a value held by another owner is left alone.
   *
   * @return true if this call freed it
   */
  public boolean release(String value, String uid) {
    int offset = range.offsetOf(value);
    String key = offset < 0 ? prefix + value : key(offset);
    for (int attempt = 0; attempt < 8; attempt++) {
      KeyValue kv = store.get(key);
      if (kv == null || !uid.equals(decode(value, kv).owner().uid())) {
        return false;
      }
      WriteResult r = join(store.delete(key, kv.modRevision()));
      if (r.ok()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Frees {@code allocation} if its key is still exactly as read (repairs).
   *
   * @return true if this call freed it
   */
  public boolean forget(Allocation allocation) {
    return join(store.delete(prefix + allocation.value(), allocation.modRevision())).ok();
  }

  /** Who holds {@code value}, if anyone. */
  public Optional<Allocation> get(String value) {
    KeyValue kv = store.get(prefix + value);
    return kv == null ? Optional.empty() : Optional.of(decode(value, kv));
  }

  /** Every allocation under the prefix, in key order, including values no longer in the range. */
  public List<Allocation> list() {
    List<Allocation> out = new ArrayList<>();
    for (KeyValue kv : store.range(RangeRequest.prefix(prefix)).items()) {
      out.add(decode(kv.key().substring(prefix.length()), kv));
    }
    return out;
  }

  private BitSet taken() {
    BitSet taken = new BitSet(range.size());
    for (KeyValue kv : store.range(RangeRequest.prefix(prefix)).items()) {
      int offset = range.offsetOf(kv.key().substring(prefix.length()));
      if (offset >= 0) {
        taken.set(offset);
      }
    }
    return taken;
  }

  private boolean tryCreate(int offset, Owner owner) {
    ObjectNode v = Codec.JSON.createObjectNode();
    v.put("namespace", owner.namespace());
    v.put("name", owner.name());
    v.put("uid", owner.uid());
    v.put("allocatedAt", clock.instant().toString());
    return join(store.create(key(offset), Codec.toJson(v))).ok();
  }

  private String key(int offset) {
    return prefix + range.valueAt(offset);
  }

  private static Allocation decode(String value, KeyValue kv) {
    JsonNode n = Codec.parseStored(kv.value());
    Instant at;
    try {
      at = Instant.parse(n.path("allocatedAt").asText());
    } catch (RuntimeException e) {
      at = Instant.EPOCH;
    }
    return new Allocation(
        value,
        new Owner(n.path("namespace").asText(), n.path("name").asText(), n.path("uid").asText()),
        at,
        kv.modRevision());
  }

  private static WriteResult join(CompletableFuture<WriteResult> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StoreException se) {
        throw se;
      }
      throw e;
    }
  }
}
