package io.nauta.store.dump;

import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/** Writes every key of a store, as of one revision, in the dump format. */
public final class StoreExporter {
  /** Keys read per range request, so no single read holds the whole store twice. */
  static final int PAGE = 500;

  private final Clock clock;

  public StoreExporter(Clock clock) {
    this.clock = clock;
  }

  /**
   * Writes the header and every key of {@code store} at its current revision to {@code out} (which
   * is flushed, not closed). Works on a store others are writing to: all pages are read at the same
   * revision, so the dump is one consistent state.
   *
   * @throws io.nauta.store.StoreException with code COMPACTED if the store compacts past the
   *     export's revision while it reads (the caller retries)
   */
  public DumpFormat.Summary export(Store store, OutputStream out) throws IOException {
    long revision = store.currentRevision();
    List<KeyValue> all = new ArrayList<>();
    String start = null;
    while (true) {
      RangeResult page = store.range(new RangeRequest("", start, PAGE, revision));
      all.addAll(page.items());
      if (!page.more() || page.items().isEmpty()) {
        break;
      }
      // the next page starts just after the last key read
      start = page.items().get(page.items().size() - 1).key() + "\0";
    }
    all.sort(Comparator.comparingLong(KeyValue::modRevision));
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    line(
        w,
        new DumpFormat.Header(
            DumpFormat.FORMAT,
            DumpFormat.VERSION,
            revision,
            (long) all.size(),
            clock.instant().toString()));
    Base64.Encoder base64 = Base64.getEncoder();
    for (KeyValue kv : all) {
      line(w, new DumpFormat.Entry(kv.key(), base64.encodeToString(kv.value()), kv.modRevision()));
    }
    w.flush();
    return new DumpFormat.Summary(all.size(), revision);
  }

  private static void line(Writer w, Object value) throws IOException {
    w.write(DumpFormat.JSON.writeValueAsString(value));
    w.write('\n');
  }
}
