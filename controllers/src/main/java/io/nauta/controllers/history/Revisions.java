package io.nauta.controllers.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The pure parts of revision history: a template's hash and revision name, the {@code data}
 * snapshot and the template it holds, and which revisions trimming removes. Stateless.
 */
public final class Revisions {
  /**
   * The label carrying a revision's hash (on revisions and DaemonSet pods) or name (StatefulSet).
   */
  public static final String HASH_LABEL = "controller-revision-hash";

  /** The letters Kubernetes writes hashes in: no vowels, no look-alike characters. */
  private static final String SAFE_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Kubernetes keeps names within 253 characters: the owner part is cut to 223. */
  private static final int MAX_PREFIX = 223;

  private Revisions() {}

  /**
   * The template's hash: FNV-1a (32 bit) of its canonical JSON (object keys sorted, so the order in
   * which the API server returned labels does not matter), in Kubernetes' safe letters.
   */
  public static String hash(PodTemplateSpec template) {
    byte[] bytes = canonical(tree(template)).getBytes(StandardCharsets.UTF_8);
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= 0x01000193;
    }
    StringBuilder out = new StringBuilder();
    for (char c : Long.toString(Integer.toUnsignedLong(h)).toCharArray()) {
      out.append(SAFE_CHARS.charAt(c % SAFE_CHARS.length()));
    }
    return out.toString();
  }

  /** {@code <owner>-<hash>}, the owner's name cut so the whole stays a valid name. */
  public static String name(String owner, String hash) {
    String prefix = owner.length() > MAX_PREFIX ? owner.substring(0, MAX_PREFIX) : owner;
    return prefix + "-" + hash;
  }

  /**
   * The revision's {@code data}: {@code {"spec":{"template":{..., "$patch":"replace"}}}}, the
   * strategic merge patch that puts the template back whole when {@code kubectl rollout undo} sends
   * it to the owner.
   */
  public static Map<String, Object> data(PodTemplateSpec template) {
    ObjectNode t = tree(template);
    t.put("$patch", "replace");
    @SuppressWarnings("unchecked")
    Map<String, Object> asMap = JSON.convertValue(t, Map.class);
    return Map.of("spec", Map.of("template", asMap));
  }

  /** The template a revision holds, or null if its data holds none. */
  public static PodTemplateSpec template(ControllerRevision r) {
    if (r.getData() == null) {
      return null;
    }
    JsonNode t = JSON.valueToTree(r.getData()).path("spec").path("template");
    if (!t.isObject()) {
      return null;
    }
    ((ObjectNode) t).remove("$patch");
    return Serialization.unmarshal(t.toString(), PodTemplateSpec.class);
  }

  /** Whether {@code r} holds {@code template} (compared as JSON trees, key order ignored). */
  public static boolean holds(ControllerRevision r, PodTemplateSpec template) {
    PodTemplateSpec held = template(r);
    return held != null && tree(held).equals(tree(template));
  }

  /** The revision's number, 0 when unset. */
  public static long number(ControllerRevision r) {
    return r.getRevision() == null ? 0 : r.getRevision();
  }

  /** The highest revision number in {@code history}, 0 when empty. */
  public static long max(List<ControllerRevision> history) {
    return history.stream().mapToLong(Revisions::number).max().orElse(0);
  }

  /**
   * The revisions trimming deletes: those not {@code live} (the current and update revisions and
   * every revision a pod still runs are live), oldest first, beyond the newest {@code limit}.
   */
  public static List<ControllerRevision> toTrim(
      List<ControllerRevision> history, Predicate<ControllerRevision> live, int limit) {
    List<ControllerRevision> old = new ArrayList<>(history.stream().filter(live.negate()).toList());
    old.sort(Comparator.comparingLong(Revisions::number));
    return old.size() <= limit ? List.of() : List.copyOf(old.subList(0, old.size() - limit));
  }

  private static ObjectNode tree(PodTemplateSpec template) {
    try {
      return (ObjectNode) JSON.readTree(Serialization.asJson(template));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a pod template did not serialise to JSON", e);
    }
  }

  private static String canonical(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, String> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        sorted.put(e.getKey(), canonical(e.getValue()));
      }
      StringBuilder out = new StringBuilder("{");
      sorted.forEach(
          (k, v) -> out.append(JSON.valueToTree(k).toString()).append(':').append(v).append(','));
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      node.forEach(e -> out.append(canonical(e)).append(','));
      return out.append(']').toString();
    }
    return node.toString();
  }
}
