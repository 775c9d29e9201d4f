package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.resources.json.Json;

/**
 * The DefaultTolerationSeconds admission plugin: a pod created without a NoExecute toleration of
 * {@code node.kubernetes.io/not-ready} or {@code node.kubernetes.io/unreachable} gets one for a
 * limited time, so the taint eviction controller moves it off a failed node after that long instead
 * of at once (or never).
 *
 * @param notReadySeconds how long pods tolerate a not-ready node (Kubernetes: 300)
 * @param unreachableSeconds how long pods tolerate an unreachable node (Kubernetes: 300)
 */
public record DefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
  public static final String NOT_READY = "node.kubernetes.io/not-ready";
  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  /** Kubernetes' defaults: five minutes each. */
  public static final DefaultTolerationSeconds DEFAULTS = new DefaultTolerationSeconds(300, 300);

  public DefaultTolerationSeconds {
    if (notReadySeconds < 0 || unreachableSeconds < 0) {
      throw new IllegalArgumentException("toleration seconds must not be negative");
    }
  }

  /** Adds the tolerations the pod lacks to its {@code spec}. */
  public void admit(ObjectNode pod) {
    ObjectNode spec = Json.object(pod, "spec");
    add(spec, NOT_READY, notReadySeconds);
    add(spec, UNREACHABLE, unreachableSeconds);
  }

  private static void add(ObjectNode spec, String key, long seconds) {
    for (ObjectNode t : Json.objects(spec, "tolerations")) {
      String effect = Json.text(t, "effect");
      if (key.equals(Json.text(t, "key")) && (effect.isEmpty() || effect.equals("NoExecute"))) {
        return;
      }
    }
    ArrayNode list =
        spec.path("tolerations").isArray()
            ? (ArrayNode) spec.get("tolerations")
            : spec.putArray("tolerations");
    ObjectNode t = list.addObject();
    t.put("key", key);
    t.put("operator", "Exists");
    t.put("effect", "NoExecute");
    t.put("tolerationSeconds", seconds);
  }
}
