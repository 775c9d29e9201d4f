package io.nauta.store.dump;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.WriteResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads a dump into an empty store. The whole file is read and checked before the first write, so a
 * malformed or truncated file leaves the store untouched.
 */
public final class StoreImporter {
  /** Creates in flight at once: enough for group commit to batch them. */
  static final int WINDOW = 128;

  private StoreImporter() {}

  /**
   * Creates every key of the dump in {@code in} in {@code store}, in the file's order, if the store
   * holds no key at all; otherwise writes nothing.
   *
   * @throws StoreException from the store (IO, CLOSED, INVALID for a value over its size limit);
   *     keys written before such a failure stay written
   */
  public static ImportResult load(Store store, InputStream in) throws IOException {
    RangeResult present = store.range(new RangeRequest("", null, 1, 0));
    if (!present.items().isEmpty()) {
      return new ImportResult.NotEmpty(present.items().size() + present.remaining());
    }
    List<Key> keys = new ArrayList<>();
    ImportResult.Malformed bad = read(in, keys);
    if (bad != null) {
      return bad;
    }
    Deque<CompletableFuture<WriteResult>> inFlight = new ArrayDeque<>();
    for (Key k : keys) {
      if (inFlight.size() >= WINDOW) {
        check(inFlight.removeFirst());
      }
      inFlight.addLast(store.create(k.key(), k.value()));
    }
    while (!inFlight.isEmpty()) {
      check(inFlight.removeFirst());
    }
    return new ImportResult.Loaded(new DumpFormat.Summary(keys.size(), store.currentRevision()));
  }

  private static void check(CompletableFuture<WriteResult> write) {
    WriteResult r;
    try {
      r = write.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StoreException s) {
        throw s;
      }
      throw e;
    }
    if (r.outcome() != WriteResult.Outcome.OK) {
      // another writer got in although the store was empty: not a state to continue from
      throw new StoreException(
          StoreException.Code.INVALID,
          "key " + r.kv().key() + " appeared in the store during the import");
    }
  }

  private record Key(String key, byte[] value) {}

  /** Fills {@code keys} from the dump; the first problem found, or null. */
  private static ImportResult.Malformed read(InputStream in, List<Key> keys) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String first = r.readLine();
    if (first == null) {
      return new ImportResult.Malformed(1, "the file is empty");
    }
    DumpFormat.Header header;
    try {
      header = DumpFormat.JSON.readValue(first, DumpFormat.Header.class);
    } catch (JsonProcessingException e) {
      return new ImportResult.Malformed(1, "not a " + DumpFormat.FORMAT + " header");
    }
    if (header == null || !DumpFormat.FORMAT.equals(header.format())) {
      return new ImportResult.Malformed(1, "not a " + DumpFormat.FORMAT + " header");
    }
    if (header.version() == null || header.version() < 1 || header.version() > DumpFormat.VERSION) {
      return new ImportResult.Malformed(
          1,
          "format version "
              + header.version()
              + " is not supported (this nauta reads versions 1 to "
              + DumpFormat.VERSION
              + ")");
    }
    if (header.keys() == null || header.keys() < 0) {
      return new ImportResult.Malformed(1, "the header does not say how many keys follow");
    }
    Base64.Decoder base64 = Base64.getDecoder();
    Set<String> seen = new HashSet<>();
    long number = 1;
    String line;
    while ((line = r.readLine()) != null) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      DumpFormat.Entry e;
      try {
        e = DumpFormat.JSON.readValue(line, DumpFormat.Entry.class);
      } catch (JsonProcessingException ex) {
        return new ImportResult.Malformed(number, "not a JSON object");
      }
      if (e == null || e.key() == null || e.key().isEmpty() || e.value() == null) {
        return new ImportResult.Malformed(number, "a key line needs a non-empty key and a value");
      }
      if (!seen.add(e.key())) {
        return new ImportResult.Malformed(number, "key " + e.key() + " appears twice");
      }
      try {
        keys.add(new Key(e.key(), base64.decode(e.value())));
      } catch (IllegalArgumentException ex) {
        return new ImportResult.Malformed(number, "the value of " + e.key() + " is not base64");
      }
    }
    if (keys.size() != header.keys()) {
      return new ImportResult.Malformed(
          number,
          "the header announces "
              + header.keys()
              + " keys but the file holds "
              + keys.size()
              + " (a truncated or edited file)");
    }
    return null;
  }
}
