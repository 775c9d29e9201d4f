package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.apply.FieldManager;
import io.nauta.apiserver.apply.Fields;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.status.ApiException;
import io.nauta.store.KeyValue;
import io.nauta.store.Store;
import io.nauta.store.StoreException;
import io.nauta.store.WriteResult;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * The generic registry store: create, get, update, delete of any {@link ResourceType} on the {@link
 * Store}, with Kubernetes object semantics (uid, generateName, resourceVersion, optimistic
 * concurrency, generation, status subresource, finalizers and graceful deletion). Thread-safe.
 */
public final class Registry {
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final int MAX_RETRIES = 16;
  private final SecureRandom random = new SecureRandom();
  private final Store store;
  private final ResourceCatalog catalog;
  private final Clock clock;
  private final java.util.Map<String, WriteHooks> hooks =
      new java.util.concurrent.ConcurrentHashMap<>();

  public Registry(Store store, ResourceCatalog catalog, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
  }

  public Store store() {
    return store;
  }

  public ResourceCatalog catalog() {
    return catalog;
  }

  public Clock clock() {
    return clock;
  }

  /** Installs the {@link WriteHooks} of {@code rt} (e.g. Services' IP and port allocation). */
  public void setHooks(ResourceType rt, WriteHooks h) {
    hooks.put(rt.storagePrefix(), h);
  }

  private WriteHooks hooks(ResourceType rt) {
    return hooks.getOrDefault(rt.storagePrefix(), WriteHooks.NONE);
  }

  /** The store key of an object. */
  public static String key(ResourceType rt, String namespace, String name) {
    return rt.namespaced()
        ? rt.storagePrefix() + namespace + "/" + name
        : rt.storagePrefix() + name;
  }

  /** Decodes a stored value into the served version {@code rt}, with its resourceVersion. */
  public ObjectNode decode(ResourceType rt, KeyValue kv) {
    return decode(rt, kv, kv.modRevision());
  }

  ObjectNode decode(ResourceType rt, KeyValue kv, long resourceVersion) {
    ObjectNode stored = Codec.parseStored(kv.value());
    Meta.of(stored).put("resourceVersion", Long.toString(resourceVersion));
    return rt.converter().fromStorage(stored);
  }

  private final Lookup lookup =
      new Lookup() {
        @Override
        public java.util.Optional<ObjectNode> get(
            String group, String version, String plural, String namespace, String name) {
          return catalog
              .find(group, version, plural)
              .map(
                  rt -> {
                    KeyValue kv = store.get(key(rt, namespace, name));
                    return kv == null ? null : decode(rt, kv);
                  });
        }

        @Override
        public List<ObjectNode> list(String group, String version, String plural) {
          return catalog
              .find(group, version, plural)
              .map(
                  rt ->
                      store
                          .range(io.nauta.store.RangeRequest.prefix(rt.storagePrefix()))
                          .items()
                          .stream()
                          .map(kv -> decode(rt, kv))
                          .toList())
              .orElse(List.of());
        }
      };

  /** Gets one object or throws 404. */
  public ObjectNode get(ResourceType rt, String namespace, String name) {
    KeyValue kv = store.get(key(rt, namespace, name));
    if (kv == null) {
      throw ApiException.notFound(rt.group(), rt.plural(), name);
    }
    return decode(rt, kv);
  }

  /** Creates an object from a client body (served version); answers the stored object. */
  public ObjectNode create(ResourceType rt, String namespace, ObjectNode body, WriteOptions opts) {
    checkTypeMeta(rt, body);
    ObjectNode obj = rt.converter().toStorage(body.deepCopy());
    ObjectNode meta = Meta.of(obj);
    if (rt.namespaced()) {
      String given = Meta.namespace(obj);
      if (!given.isEmpty() && !given.equals(namespace)) {
        throw ApiException.badRequest(
            "the namespace of the provided object does not match the namespace sent on the request");
      }
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    if (Meta.name(obj).isEmpty() && !Meta.text(obj, "generateName").isEmpty()) {
      meta.put("name", Meta.text(obj, "generateName") + randomSuffix());
    }
    String name = Meta.name(obj);
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", Meta.timestamp(clock.instant()));
    meta.remove(
        List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
    if (tracksGeneration(rt, obj)) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
    if (rt.hasStatus()) {
      // status is written through /status only; each strategy decides the initial status
      obj.remove("status");
    }
    rt.strategy().prepareForCreate(obj);
    rt.strategy().admit(obj, lookup);
    track(rt, null, obj, UpdatePart.MAIN, opts);
    List<FieldError> errs = new ArrayList<>(MetadataValidation.validate(rt, obj));
    errs.addAll(rt.strategy().validate(obj));
    if (!errs.isEmpty()) {
      throw ApiException.invalid(rt.group(), rt.kind(), name, errs);
    }
    if (rt.namespaced()) {
      checkNamespaceAcceptsContent(rt, namespace, name);
    }
    if (opts.dryRun()) {
      if (store.get(key(rt, namespace, name)) != null) {
        throw ApiException.alreadyExists(rt.group(), rt.plural(), name);
      }
      hooks(rt).beginCreate(obj, true).finish(false);
      return rt.converter().fromStorage(obj);
    }
    WriteHooks.Finish finish = hooks(rt).beginCreate(obj, false);
    boolean written = false;
    try {
      ObjectNode created = createWithName(rt, namespace, body, obj);
      written = true;
      return created;
    } finally {
      finish.finish(written);
    }
  }

  private ObjectNode createWithName(
      ResourceType rt, String namespace, ObjectNode body, ObjectNode obj) {
    ObjectNode meta = Meta.of(obj);
    String name = Meta.name(obj);
    WriteResult r = join(store.create(key(rt, namespace, name), Codec.toJson(obj)));
    // a generated name may collide; like Kubernetes, try a few fresh suffixes before giving up
    String generateName = Meta.text(obj, "generateName");
    for (int i = 0;
        i < 8
            && r.outcome() == WriteResult.Outcome.ALREADY_EXISTS
            && !generateName.isEmpty()
            && Meta.name(body).isEmpty();
        i++) {
      name = generateName + randomSuffix();
      meta.put("name", name);
      r = join(store.create(key(rt, namespace, name), Codec.toJson(obj)));
    }
    if (r.outcome() == WriteResult.Outcome.ALREADY_EXISTS) {
      throw ApiException.alreadyExists(rt.group(), rt.plural(), name);
    }
    meta.put("resourceVersion", Long.toString(r.kv().modRevision()));
    return rt.converter().fromStorage(obj);
  }

  /** Replaces the main resource (PUT); status is kept from the stored object. */
  public ObjectNode update(
      ResourceType rt, String namespace, String name, ObjectNode body, WriteOptions opts) {
    checkTypeMeta(rt, body);
    checkNameMatches(rt, namespace, name, body);
    return guaranteedUpdate(rt, namespace, name, current -> body.deepCopy(), UpdatePart.MAIN, opts);
  }

  /** Replaces the status (PUT on /status); everything but status is kept from the stored object. */
  public ObjectNode updateStatus(
      ResourceType rt, String namespace, String name, ObjectNode body, WriteOptions opts) {
    checkTypeMeta(rt, body);
    checkNameMatches(rt, namespace, name, body);
    return guaranteedUpdate(
        rt, namespace, name, current -> body.deepCopy(), UpdatePart.STATUS, opts);
  }

  /**
   * Reads the object, lets {@code mutate} produce the new served object from a copy of the current
   * one, and writes it; retried on a concurrent write unless the new object carries a
   * resourceVersion of its own (a client precondition), in which case a stale version is 409.
   *
   * @param part which part of the object is written, and so which rules apply
   */
  public ObjectNode guaranteedUpdate(
      ResourceType rt,
      String namespace,
      String name,
      UnaryOperator<ObjectNode> mutate,
      UpdatePart part,
      WriteOptions opts) {
    String key = key(rt, namespace, name);
    // As Kubernetes' GuaranteedUpdate: the first try starts from the cached object; an outcome
    // other than a successful write is only trusted from the store's current one.
    boolean fromCache = !opts.dryRun();
    for (int attempt = 0; ; attempt++) {
      boolean guessed = fromCache;
      fromCache = false;
      KeyValue kv = guessed ? store.peek(key) : store.get(key);
      if (kv == null) {
        if (guessed) {
          continue;
        }
        throw ApiException.notFound(rt.group(), rt.plural(), name);
      }
      ObjectNode old = Codec.parseStored(kv.value());
      ObjectNode served = decode(rt, kv);
      ObjectNode changed;
      try {
        changed = mutate.apply(served.deepCopy());
      } catch (RuntimeException e) {
        if (guessed) {
          continue;
        }
        throw e;
      }
      if (changed == null) {
        if (guessed) {
          continue;
        }
        return served;
      }
      String wantedRv = Meta.text(changed, "resourceVersion");
      boolean precondition = !wantedRv.isEmpty();
      if (precondition && !wantedRv.equals(Long.toString(kv.modRevision()))) {
        if (guessed) {
          continue;
        }
        throw ApiException.staleResourceVersion(rt.group(), rt.plural(), name);
      }
      ObjectNode next = prepareUpdate(rt, old, rt.converter().toStorage(changed), part);
      track(rt, old, next, part, opts);
      if (next.equals(old)) {
        if (guessed) {
          continue;
        }
        return served;
      }
      List<FieldError> errs = new ArrayList<>();
      String rv = Long.toString(kv.modRevision());
      switch (part) {
        case STATUS -> errs.addAll(rt.strategy().validateStatusUpdate(next, old));
        case MAIN -> {
          errs.addAll(
              MetadataValidation.validateUpdate(rt, withVersion(next, rv), withVersion(old, rv)));
          errs.addAll(rt.strategy().validateUpdate(next, old));
        }
        case DIRECT ->
            errs.addAll(
                MetadataValidation.validateUpdate(rt, withVersion(next, rv), withVersion(old, rv)));
      }
      if (!errs.isEmpty()) {
        if (guessed) {
          continue;
        }
        throw ApiException.invalid(rt.group(), rt.kind(), name, errs);
      }
      if (part == UpdatePart.MAIN) {
        try {
          rt.strategy().admitUpdate(next, old, lookup);
        } catch (ApiException e) {
          if (guessed) {
            continue; // judged against a cached object: judge the stored one
          }
          throw e;
        }
      }
      WriteHooks h = part == UpdatePart.MAIN ? hooks(rt) : WriteHooks.NONE;
      if (opts.dryRun()) {
        h.beginUpdate(next, old, true).finish(false);
        Meta.of(next).put("resourceVersion", Long.toString(kv.modRevision()));
        return rt.converter().fromStorage(next);
      }
      if (Meta.deleting(next) && !pendingFinalizers(rt, next) && gracePeriod(next) == 0) {
        WriteResult d = join(store.delete(key, kv.modRevision()));
        if (d.ok()) {
          hooks(rt).afterDelete(old);
          return decode(
              rt,
              new KeyValue(
                  key, Codec.toJson(next), kv.createRevision(), d.revision(), kv.version()));
        }
      } else {
        WriteHooks.Finish finish;
        try {
          finish = h.beginUpdate(next, old, false);
        } catch (RuntimeException e) {
          if (guessed) {
            continue;
          }
          throw e;
        }
        WriteResult r = null;
        try {
          r = join(store.update(key, Codec.toJson(next), kv.modRevision()));
        } finally {
          finish.finish(r != null && r.ok());
        }
        if (r.ok()) {
          return decode(rt, r.kv());
        }
        if (r.outcome() == WriteResult.Outcome.NOT_FOUND) {
          throw ApiException.notFound(rt.group(), rt.plural(), name);
        }
      }
      if (precondition) {
        throw ApiException.staleResourceVersion(rt.group(), rt.plural(), name);
      }
      if (attempt >= MAX_RETRIES) {
        throw ApiException.conflict(rt.group(), rt.plural(), name, "too many concurrent writers");
      }
    }
  }

  /** Records the write in managedFields, unless apply did or the writer is anonymous. */
  private void track(
      ResourceType rt, ObjectNode old, ObjectNode next, UpdatePart part, WriteOptions opts) {
    if (opts.managedFieldsSet()) {
      return;
    }
    if (opts.fieldManager() == null || part == UpdatePart.DIRECT) {
      if (old != null) {
        // server-side writers keep what the object had
        JsonNode mf = old.path("metadata").get("managedFields");
        if (mf == null) {
          Meta.of(next).remove("managedFields");
        } else {
          Meta.of(next).set("managedFields", mf.deepCopy());
        }
      }
      return;
    }
    FieldManager.trackUpdate(
        old,
        next,
        new FieldManager.Write(
            opts.fieldManager(),
            part == UpdatePart.STATUS ? Fields.Scope.STATUS : Fields.Scope.MAIN,
            rt.hasStatus(),
            rt.groupVersion(),
            Meta.timestamp(clock.instant())));
  }

  private ObjectNode prepareUpdate(
      ResourceType rt, ObjectNode old, ObjectNode incoming, UpdatePart part) {
    ObjectNode next;
    if (part == UpdatePart.STATUS) {
      next = old.deepCopy();
      JsonNode status = incoming.get("status");
      if (status == null) {
        next.remove("status");
      } else {
        next.set("status", status);
      }
      return next;
    }
    next = incoming;
    ObjectNode meta = Meta.of(next);
    ObjectNode oldMeta = Meta.of(old);
    for (String keep :
        List.of(
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "namespace",
            "name")) {
      JsonNode v = oldMeta.get(keep);
      if (v == null) {
        meta.remove(keep);
      } else if (!meta.has(keep) || keep.startsWith("deletion")) {
        meta.set(keep, v);
      }
    }
    meta.remove(List.of("resourceVersion", "selfLink"));
    if (part == UpdatePart.DIRECT) {
      return next;
    }
    if (rt.hasStatus()) {
      JsonNode status = old.get("status");
      if (status == null) {
        next.remove("status");
      } else {
        next.set("status", status);
      }
    }
    if (oldMeta.has("generation")) {
      long gen = oldMeta.path("generation").asLong(1);
      meta.put("generation", specChanged(old, next) ? gen + 1 : gen);
    }
    rt.strategy().prepareForUpdate(next, old);
    return next;
  }

  private static ObjectNode withVersion(ObjectNode obj, String rv) {
    ObjectNode copy = obj.deepCopy();
    Meta.of(copy).put("resourceVersion", rv);
    return copy;
  }

  private static boolean specChanged(ObjectNode old, ObjectNode next) {
    ObjectNode a = old.deepCopy();
    ObjectNode b = next.deepCopy();
    for (ObjectNode o : List.of(a, b)) {
      o.remove(List.of("metadata", "status", "apiVersion", "kind"));
    }
    return !a.equals(b);
  }

  private static boolean tracksGeneration(ResourceType rt, ObjectNode obj) {
    return rt.hasStatus() || obj.has("spec");
  }

  /** The result of a delete: the object as last seen, and whether it is gone already. */
  public record Deleted(ObjectNode object, boolean gone) {}

  /** Deletes (or starts gracefully deleting) an object. */
  public Deleted delete(ResourceType rt, String namespace, String name, DeleteOptions opts) {
    String key = key(rt, namespace, name);
    if (rt.group().isEmpty()
        && rt.kind().equals("Namespace")
        && List.of("default", "kube-system", "kube-public").contains(name)) {
      throw ApiException.forbidden("", "namespaces", name, "this namespace may not be deleted");
    }
    for (int attempt = 0; ; attempt++) {
      KeyValue kv = store.get(key);
      if (kv == null) {
        throw ApiException.notFound(rt.group(), rt.plural(), name);
      }
      ObjectNode obj = Codec.parseStored(kv.value());
      checkDeletePreconditions(rt, name, obj, kv, opts);
      ObjectNode next = obj.deepCopy();
      ObjectNode meta = Meta.of(next);
      String policy = opts.propagationPolicy();
      if ("Orphan".equals(policy)) {
        addFinalizer(meta, "orphan");
      } else if ("Foreground".equals(policy)) {
        addFinalizer(meta, "foregroundDeletion");
      } else if (policy != null && !"Background".equals(policy)) {
        throw ApiException.invalid(
            rt.group(),
            rt.kind(),
            name,
            List.of(
                FieldError.notSupported(
                    "propagationPolicy", policy, List.of("Foreground", "Background", "Orphan"))));
      }
      long grace =
          opts.gracePeriodSeconds() != null
              ? Math.max(0, opts.gracePeriodSeconds())
              : rt.strategy().defaultGracePeriodSeconds(obj);
      Instant now = clock.instant();
      boolean graceful = grace > 0 || pendingFinalizers(rt, next);
      if (graceful) {
        if (meta.hasNonNull("deletionTimestamp")) {
          long current = meta.path("deletionGracePeriodSeconds").asLong(0);
          if (grace >= current && next.equals(obj)) {
            return new Deleted(decode(rt, kv), false);
          }
          if (grace < current) {
            meta.put("deletionTimestamp", Meta.timestamp(now.plusSeconds(grace)));
            meta.put("deletionGracePeriodSeconds", grace);
          }
        } else {
          meta.put("deletionTimestamp", Meta.timestamp(now.plusSeconds(grace)));
          meta.put("deletionGracePeriodSeconds", grace);
        }
        if (grace == 0 && !pendingFinalizers(rt, next)) {
          graceful = false;
        }
      }
      if (graceful && rt.group().isEmpty() && rt.kind().equals("Namespace")) {
        next.with("status").put("phase", "Terminating");
      }
      if (opts.dryRun()) {
        return new Deleted(decode(rt, kv), !graceful);
      }
      if (graceful) {
        WriteResult r = join(store.update(key, Codec.toJson(next), kv.modRevision()));
        if (r.ok()) {
          return new Deleted(decode(rt, r.kv()), false);
        }
      } else {
        WriteResult r = join(store.delete(key, kv.modRevision()));
        if (r.ok()) {
          hooks(rt).afterDelete(obj);
          return new Deleted(decode(rt, kv, r.revision()), true);
        }
      }
      if (opts.preconditionResourceVersion() != null || attempt >= MAX_RETRIES) {
        throw ApiException.staleResourceVersion(rt.group(), rt.plural(), name);
      }
    }
  }

  private static void checkDeletePreconditions(
      ResourceType rt, String name, ObjectNode obj, KeyValue kv, DeleteOptions opts) {
    if (opts.preconditionUid() != null && !opts.preconditionUid().equals(Meta.uid(obj))) {
      throw ApiException.conflict(
          rt.group(),
          rt.plural(),
          name,
          "Precondition failed: UID in precondition: "
              + opts.preconditionUid()
              + ", UID in object meta: "
              + Meta.uid(obj));
    }
    if (opts.preconditionResourceVersion() != null
        && !opts.preconditionResourceVersion().equals(Long.toString(kv.modRevision()))) {
      throw ApiException.conflict(
          rt.group(),
          rt.plural(),
          name,
          "Precondition failed: ResourceVersion in precondition: "
              + opts.preconditionResourceVersion()
              + ", ResourceVersion in object meta: "
              + kv.modRevision());
    }
  }

  private static void addFinalizer(ObjectNode meta, String finalizer) {
    JsonNode f = meta.get("finalizers");
    ArrayNode arr = f instanceof ArrayNode a ? a : meta.putArray("finalizers");
    for (JsonNode n : arr) {
      if (finalizer.equals(n.asText())) {
        return;
      }
    }
    arr.add(finalizer);
  }

  /** Metadata finalizers, and for namespaces also {@code spec.finalizers}. */
  private static boolean pendingFinalizers(ResourceType rt, ObjectNode obj) {
    if (Meta.hasFinalizers(obj)) {
      return true;
    }
    JsonNode specFinalizers = obj.path("spec").path("finalizers");
    return rt.group().isEmpty()
        && rt.kind().equals("Namespace")
        && specFinalizers.isArray()
        && !specFinalizers.isEmpty();
  }

  private static long gracePeriod(ObjectNode obj) {
    return obj.path("metadata").path("deletionGracePeriodSeconds").asLong(0);
  }

  private void checkNamespaceAcceptsContent(ResourceType rt, String namespace, String name) {
    // like Kubernetes' NamespaceLifecycle admission: the cached namespace, the store if unseen
    String nsKey = "/registry/core/namespaces/" + namespace;
    KeyValue ns = store.peek(nsKey);
    if (ns == null) {
      ns = store.get(nsKey);
    }
    if (ns == null) {
      throw ApiException.notFound("", "namespaces", namespace);
    }
    ObjectNode nsObj = Codec.parseStored(ns.value());
    if (Meta.deleting(nsObj) || "Terminating".equals(nsObj.path("status").path("phase").asText())) {
      throw ApiException.forbidden(
          rt.group(),
          rt.plural(),
          name,
          "unable to create new content in namespace "
              + namespace
              + " because it is being terminated");
    }
  }

  /** Checks a body's apiVersion and kind against the resource and fills them in. */
  public static void checkTypeMeta(ResourceType rt, ObjectNode body) {
    JsonNode apiVersion = body.get("apiVersion");
    JsonNode kind = body.get("kind");
    if (apiVersion != null && !apiVersion.asText().equals(rt.groupVersion())) {
      throw ApiException.badRequest(
          "the API version in the data ("
              + apiVersion.asText()
              + ") does not match the expected API version ("
              + rt.groupVersion()
              + ")");
    }
    if (kind != null && !kind.asText().equals(rt.kind())) {
      throw ApiException.badRequest(
          "the kind in the data ("
              + kind.asText()
              + ") does not match the expected kind ("
              + rt.kind()
              + ")");
    }
    if (body.has("metadata") && !body.get("metadata").isObject()) {
      throw ApiException.badRequest("metadata must be an object");
    }
    body.put("apiVersion", rt.groupVersion());
    body.put("kind", rt.kind());
  }

  /** Checks a body's name (and namespace) against the URL's and fills them in. */
  public static void checkNameMatches(
      ResourceType rt, String namespace, String name, ObjectNode body) {
    String given = Meta.name(body);
    if (!given.isEmpty() && !given.equals(name)) {
      throw ApiException.badRequest(
          "the name of the object ("
              + given
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    Meta.of(body).put("name", name);
    if (rt.namespaced()) {
      String ns = Meta.namespace(body);
      if (!ns.isEmpty() && !ns.equals(namespace)) {
        throw ApiException.badRequest(
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");
      }
      Meta.of(body).put("namespace", namespace);
    }
  }

  private String randomSuffix() {
    StringBuilder b = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      b.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
    }
    return b.toString();
  }

  /** Waits for a store write, translating store failures into API errors. */
  static WriteResult join(java.util.concurrent.CompletableFuture<WriteResult> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StoreException se) {
        throw storeError(se);
      }
      throw e;
    }
  }

  /** The API error for a store failure. */
  public static ApiException storeError(StoreException e) {
    return switch (e.code()) {
      case COMPACTED -> ApiException.gone("too old resource version: " + e.getMessage());
      case FUTURE_REVISION ->
          ApiException.timeout("Too large resource version: " + e.getMessage(), 1);
      case INVALID -> ApiException.tooLarge("the object is too large to store: " + e.getMessage());
      case CLOSED, IO, SLOW_WATCHER ->
          ApiException.serviceUnavailable("storage unavailable: " + e.getMessage());
    };
  }
}
