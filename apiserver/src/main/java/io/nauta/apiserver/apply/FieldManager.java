package io.nauta.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.apply.Fields.Scope;
import io.nauta.apiserver.codec.Codec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply and field ownership: records in {@code metadata.managedFields} which manager
 * set which field, merges apply configurations into live objects, and reports conflicts when an
 * apply would change a field another manager owns. Stateless and thread-safe.
 */
public final class FieldManager {
  private static final String KUBECTL = "kubectl";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private FieldManager() {}

  /** What a write is: who, through which subresource, at which served version and time. */
  public record Write(
      String manager, Scope scope, boolean hasStatus, String apiVersion, String time) {
    String subresource() {
      return scope == Scope.STATUS ? "status" : "";
    }
  }

  /**
   * Records an Update by {@code w.manager()}: fields that {@code next} adds or changes relative to
   * {@code old} (null for a create) move to the manager; fields no longer in {@code next} leave
   * every manager. When the client changed managedFields itself (as kubectl does when it moves an
   * object from client-side to server-side apply) its entries are taken as sent. Mutates {@code
   * next}'s metadata.
   */
  public static void trackUpdate(ObjectNode old, ObjectNode next, Write w) {
    JsonNode incoming = ManagedFields.json(next);
    JsonNode before = old == null ? null : ManagedFields.json(old);
    boolean clientSet =
        !incoming.isNull()
            && !(incoming.isArray() && incoming.isEmpty())
            && !incoming.equals(before);
    if (clientSet) {
      ManagedFields mf = ManagedFields.of(next);
      mf.prune(next);
      mf.writeTo(next);
      return;
    }
    ManagedFields mf = old == null ? ManagedFields.empty() : ManagedFields.of(old);
    FieldSet now = Fields.of(next, w.scope(), w.hasStatus());
    FieldSet changed = new FieldSet();
    for (List<String> p : now.paths()) {
      JsonNode was = old == null ? null : Fields.at(old, p);
      if (was == null || (isLeaf(now, p) && !was.equals(Fields.at(next, p)))) {
        changed.add(p);
      }
    }
    if (!changed.isEmpty()) {
      ManagedFields.Entry mine = mf.find(w.manager(), "Update", w.subresource());
      for (ManagedFields.Entry e : mf.entries()) {
        if (e != mine) {
          e.fields = e.fields.minus(changed);
        }
      }
      mf.put(
          w.manager(),
          "Update",
          w.subresource(),
          w.apiVersion(),
          w.time(),
          mine == null ? changed : mine.fields.union(changed));
    }
    mf.prune(next);
    mf.writeTo(next);
  }

  /**
   * Applies {@code config} for {@code w.manager()} to {@code live} (null: the object does not exist
   * yet) and answers the merged object with its managedFields. Fields the manager applied before
   * and left out now are removed unless another manager owns them.
   *
   * @throws ApplyConflictException when the apply changes fields other managers own and {@code
   *     force} is false
   */
  public static ObjectNode apply(ObjectNode live, ObjectNode config, Write w, boolean force) {
    FieldSet applied = Fields.of(config, Scope.MAIN, w.hasStatus());
    ManagedFields mf = live == null ? ManagedFields.empty() : ManagedFields.of(live);
    ManagedFields.Entry mine = mf.find(w.manager(), "Apply", "");
    Map<ManagedFields.Entry, List<List<String>>> conflicts = new LinkedHashMap<>();
    if (live != null) {
      // a field conflicts when applying changes its value (merging an empty map changes nothing)
      ObjectNode merged = live.deepCopy();
      mergeInto(merged, config);
      for (List<String> p : applied.leafPaths()) {
        JsonNode have = Fields.at(live, p);
        if (have == null || have.equals(Fields.at(merged, p))) {
          continue;
        }
        for (ManagedFields.Entry e : mf.entries()) {
          // an entry is a manager and an operation: the same name's Updates can conflict
          if (e != mine && e.fields.contains(p)) {
            conflicts.computeIfAbsent(e, k -> new ArrayList<>()).add(p);
          }
        }
      }
    }
    if (!conflicts.isEmpty()) {
      if (!force && !allowedByLastApplied(live, w, conflicts)) {
        throw new ApplyConflictException(conflicts);
      }
      conflicts.forEach(
          (e, paths) -> {
            FieldSet lost = new FieldSet();
            paths.forEach(lost::add);
            e.fields = e.fields.minus(lost);
          });
    }
    ObjectNode result;
    if (live == null) {
      result = config.deepCopy();
    } else {
      result = live.deepCopy();
      if (mine != null) {
        FieldSet others = mf.ownedByOthers(mine);
        // parents first: a keyed element is found by its key, so it must go before its fields
        List<List<String>> stale = mine.fields.minus(applied).paths();
        for (List<String> p : stale) {
          if (!hasMemberAtOrUnder(others, p) && !Fields.isKeyField(p)) {
            Fields.remove(result, p);
          }
        }
      }
      mergeInto(result, config);
    }
    mf.put(w.manager(), "Apply", "", w.apiVersion(), w.time(), applied);
    keepLastAppliedCurrent(result, config, w);
    mf.prune(result);
    mf.writeTo(result);
    return result;
  }

  /**
   * Kubernetes lets {@code kubectl apply --server-side} take over an object that client-side apply
   * managed: conflicts on fields named in the last-applied-configuration annotation are forced.
   * Only for the manager "kubectl" (another name opts out).
   */
  private static boolean allowedByLastApplied(
      ObjectNode live, Write w, Map<ManagedFields.Entry, List<List<String>>> conflicts) {
    if (!KUBECTL.equals(w.manager())) {
      return false;
    }
    ObjectNode lastApplied = lastApplied(live);
    if (lastApplied == null) {
      return false;
    }
    FieldSet allowed = Fields.of(lastApplied, Scope.MAIN, w.hasStatus());
    for (List<List<String>> paths : conflicts.values()) {
      for (List<String> p : paths) {
        if (!allowed.contains(p)) {
          return false;
        }
      }
    }
    return true;
  }

  /** While the annotation exists, kubectl's server-side applies keep it equal to what they sent. */
  private static void keepLastAppliedCurrent(ObjectNode result, ObjectNode config, Write w) {
    if (KUBECTL.equals(w.manager()) && lastApplied(result) != null) {
      ((ObjectNode) result.get("metadata").get("annotations")).put(LAST_APPLIED, config.toString());
    }
  }

  private static ObjectNode lastApplied(ObjectNode obj) {
    JsonNode a = obj.path("metadata").path("annotations").get(LAST_APPLIED);
    if (a == null || !a.isTextual()) {
      return null;
    }
    try {
      return Codec.JSON.readTree(a.asText()) instanceof ObjectNode o ? o : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static boolean isLeaf(FieldSet set, List<String> path) {
    FieldSet n = set;
    for (String e : path) {
      n = n.get(e);
    }
    for (FieldSet c : n.children().values()) {
      if (!c.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasMemberAtOrUnder(FieldSet set, List<String> path) {
    FieldSet n = set;
    for (String e : path) {
      n = n.get(e);
      if (n == null) {
        return false;
      }
    }
    return !n.isEmpty();
  }

  /** Merges an apply configuration into a target: objects field by field, keyed lists by key. */
  static void mergeInto(ObjectNode target, ObjectNode src) {
    for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = e.getKey();
      JsonNode s = e.getValue();
      JsonNode t = target.get(field);
      if (s.isNull()) {
        continue;
      }
      if (s.isObject() && t instanceof ObjectNode to) {
        mergeInto(to, (ObjectNode) s);
      } else if (s.isArray() && t instanceof ArrayNode ta) {
        String key = Fields.keyOf(field, s);
        if (key != null && Fields.keyOf(field, ta) != null) {
          mergeKeyed(ta, s, key);
        } else if (Fields.isSet(field, s) && Fields.isSet(field, ta)) {
          for (JsonNode v : s) {
            if (!contains(ta, v)) {
              ta.add(v.deepCopy());
            }
          }
        } else {
          target.set(field, s.deepCopy());
        }
      } else {
        target.set(field, s.deepCopy());
      }
    }
  }

  private static void mergeKeyed(ArrayNode target, JsonNode src, String key) {
    for (JsonNode el : src) {
      JsonNode match = null;
      for (JsonNode t : target) {
        if (el.get(key).equals(t.get(key))) {
          match = t;
          break;
        }
      }
      if (match instanceof ObjectNode mo) {
        mergeInto(mo, (ObjectNode) el);
      } else {
        target.add(el.deepCopy());
      }
    }
  }

  private static boolean contains(ArrayNode a, JsonNode v) {
    for (JsonNode x : a) {
      if (x.equals(v)) {
        return true;
      }
    }
    return false;
  }
}
