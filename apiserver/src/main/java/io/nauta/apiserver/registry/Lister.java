package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.status.ApiException;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RangeResult;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Lists with Kubernetes semantics: selectors, pagination ({@code limit}/{@code continue}, every
 * page read at the first page's revision), {@code resourceVersion}/{@code resourceVersionMatch},
 * and 410 Gone when the snapshot a continuation needs has been compacted.
 */
public final class Lister {
  private static final int CHUNK = 500;
  private final Registry registry;

  public Lister(Registry registry) {
    this.registry = registry;
  }

  /** One page of objects (served version) and the list metadata. */
  public record Page(
      List<ObjectNode> items, long resourceVersion, String continueToken, Long remaining) {}

  public Page list(ResourceType rt, String namespace, ListOptions opts) {
    Selection sel = Selection.of(rt, opts.labelSelector(), opts.fieldSelector());
    Store store = registry.store();
    String prefix =
        rt.namespaced() && namespace != null && !namespace.isEmpty()
            ? rt.storagePrefix() + namespace + "/"
            : rt.storagePrefix();
    long revision = 0;
    String start = null;
    if (opts.continueToken() != null && !opts.continueToken().isEmpty()) {
      Continuation c = Continuation.decode(opts.continueToken());
      if (c.revision() < store.compactRevision()) {
        throw ApiException.gone(
            "The provided continue parameter is too old to display a consistent list result. You"
                + " can start a new list without the continue parameter.");
      }
      revision = c.revision();
      start = prefix + c.start();
    } else {
      revision = readRevision(store, opts);
    }
    long limit = opts.limit() <= 0 ? Long.MAX_VALUE : opts.limit();
    List<ObjectNode> items = new ArrayList<>();
    String nextStart = null;
    long remaining = 0;
    boolean more = false;
    try {
      while (true) {
        int want = (int) Math.min(CHUNK, Math.max(1, limit - items.size()));
        RangeResult r =
            store.range(
                new RangeRequest(prefix, start, sel.isEverything() ? want : CHUNK, revision));
        if (revision == 0) {
          revision = r.revision();
        }
        int i = 0;
        for (KeyValue kv : r.items()) {
          i++;
          ObjectNode stored = Codec.parseStored(kv.value());
          if (!sel.test(stored)) {
            continue;
          }
          Meta.of(stored).put("resourceVersion", Long.toString(kv.modRevision()));
          items.add(rt.converter().fromStorage(stored));
          if (items.size() >= limit) {
            boolean tail = i < r.items().size() || r.more();
            if (tail) {
              more = true;
              nextStart = kv.key().substring(prefix.length()) + "\u0000";
              if (sel.isEverything()) {
                remaining = (r.items().size() - i) + r.remaining();
              }
            }
            break;
          }
        }
        if (items.size() >= limit || !r.more()) {
          break;
        }
        start = r.items().get(r.items().size() - 1).key() + "\u0000";
      }
    } catch (StoreException e) {
      throw Registry.storeError(e);
    }
    String token = more ? new Continuation(revision, nextStart).encode() : null;
    return new Page(items, revision, token, more && sel.isEverything() ? remaining : null);
  }

  private static long readRevision(Store store, ListOptions opts) {
    String rv = opts.resourceVersion();
    String match = opts.resourceVersionMatch();
    if (match != null && !match.isEmpty() && (rv == null || rv.isEmpty())) {
      throw ApiException.badRequest(
          "resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    if (rv == null || rv.isEmpty() || rv.equals("0")) {
      if ("Exact".equals(match) && "0".equals(rv)) {
        throw ApiException.badRequest(
            "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
      }
      return 0;
    }
    long wanted = parseResourceVersion(rv);
    if (match == null || match.isEmpty() || "NotOlderThan".equals(match)) {
      awaitRevision(store, wanted);
      return 0;
    }
    if ("Exact".equals(match)) {
      awaitRevision(store, wanted);
      if (wanted < store.compactRevision()) {
        throw ApiException.gone("The resourceVersion for the provided list is too old.");
      }
      return wanted;
    }
    throw ApiException.badRequest(
        "resourceVersionMatch: Unsupported value: \""
            + match
            + "\": supported values: \"Exact\", \"NotOlderThan\"");
  }

  /** Waits up to 3 s for the store to reach a revision, as Kubernetes does, else 504. */
  static void awaitRevision(Store store, long wanted) {
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (store.currentRevision() < wanted) {
      if (System.nanoTime() > deadline) {
        throw ApiException.timeout(
            "Too large resource version: " + wanted + ", current: " + store.currentRevision(), 1);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApiException.timeout("interrupted", 1);
      }
    }
  }

  public static long parseResourceVersion(String rv) {
    try {
      long v = Long.parseLong(rv);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version \"" + rv + "\"");
    }
  }

  /** Builds the {@code XList} object for a page. */
  public static ObjectNode toList(ResourceType rt, Page page) {
    ObjectNode list = Codec.JSON.createObjectNode();
    list.put("kind", rt.listKind());
    list.put("apiVersion", rt.groupVersion());
    ObjectNode meta = list.putObject("metadata");
    meta.put("resourceVersion", Long.toString(page.resourceVersion()));
    if (page.continueToken() != null) {
      meta.put("continue", page.continueToken());
      if (page.remaining() != null) {
        meta.put("remainingItemCount", page.remaining());
      }
    }
    ArrayNode items = list.putArray("items");
    page.items().forEach(items::add);
    return list;
  }

  /** A decoded continue token. */
  record Continuation(long revision, String start) {
    String encode() {
      ObjectNode o = Codec.JSON.createObjectNode();
      o.put("v", "meta.k8s.io/v1");
      o.put("rv", revision);
      o.put("start", start);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Codec.toJson(o));
    }

    static Continuation decode(String token) {
      try {
        byte[] raw = Base64.getUrlDecoder().decode(token.replace("=", ""));
        JsonNode o = Codec.JSON.readTree(new String(raw, StandardCharsets.UTF_8));
        if (!o.path("rv").canConvertToLong()
            || !o.path("start").isTextual()
            || o.path("rv").asLong() <= 0) {
          throw new IllegalArgumentException("missing fields");
        }
        return new Continuation(o.path("rv").asLong(), o.path("start").asText());
      } catch (Exception e) {
        throw ApiException.badRequest("invalid continue token: " + e.getMessage());
      }
    }
  }
}
