package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.labels.LabelSelector;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.registry.DeleteOptions;
import io.nauta.apiserver.registry.ListOptions;
import io.nauta.apiserver.registry.Lister;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.status.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST pods/{name}/eviction}: deletes the pod unless that would break its
 * PodDisruptionBudget. An allowed eviction of a healthy pod takes one of the budget's {@code
 * disruptionsAllowed} and records the pod in {@code disruptedPods} in the same write that checks
 * it, so concurrent evictions (a parallel {@code kubectl drain}) cannot overdraw the budget; a
 * refused one is 429 TooManyRequests, which clients retry. Pods that are not running (pending,
 * finished, already terminating) are not protected.
 */
final class Eviction {
  private final Registry registry;
  private final Lister lister;

  Eviction(Registry registry, Lister lister) {
    this.registry = registry;
    this.lister = lister;
  }

  void evict(ResourceType pods, String ns, String name, ObjectNode eviction, WriteOptions opts) {
    ObjectNode pod = registry.get(pods, ns, name);
    JsonNode d = eviction.path("deleteOptions");
    Long grace =
        d.path("gracePeriodSeconds").canConvertToLong()
            ? d.get("gracePeriodSeconds").asLong()
            : null;
    String uid =
        d.path("preconditions").path("uid").isTextual()
            ? d.path("preconditions").path("uid").asText()
            : null;
    DeleteOptions delete = new DeleteOptions(grace, null, uid, null, opts.dryRun());
    String phase = pod.path("status").path("phase").asText("");
    boolean unprotected =
        pod.path("metadata").hasNonNull("deletionTimestamp")
            || phase.equals("Succeeded")
            || phase.equals("Failed")
            || phase.equals("Pending");
    if (!unprotected) {
      List<ObjectNode> budgets = budgetsOf(pod, ns);
      if (budgets.size() > 1) {
        throw new ApiException(
            500,
            "InternalError",
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does"
                + " not support.",
            null);
      }
      if (budgets.size() == 1) {
        take(budgets.get(0), pod, name, opts);
      }
    }
    registry.delete(pods, ns, name, delete);
  }

  private List<ObjectNode> budgetsOf(ObjectNode pod, String ns) {
    List<ObjectNode> out = new ArrayList<>();
    registry
        .catalog()
        .find("policy", "v1", "poddisruptionbudgets")
        .ifPresent(
            rt -> {
              for (ObjectNode pdb : lister.list(rt, ns, ListOptions.all()).items()) {
                JsonNode sel = pdb.path("spec").path("selector");
                if (!sel.isObject()) {
                  continue;
                }
                try {
                  if (LabelSelector.fromJson(sel).matches(Meta.labels(pod))) {
                    out.add(pdb);
                  }
                } catch (RuntimeException e) {
                  // a selector the API accepted but cannot parse protects nothing
                }
              }
            });
    return out;
  }

  /** Takes one disruption from the budget, or refuses with 429. */
  private void take(ObjectNode budget, ObjectNode pod, String podName, WriteOptions opts) {
    ResourceType rt = registry.catalog().find("policy", "v1", "poddisruptionbudgets").orElseThrow();
    boolean ready = ready(pod);
    String policy =
        budget.path("spec").path("unhealthyPodEvictionPolicy").asText("IfHealthyBudget");
    if (!ready && policy.equals("AlwaysAllow")) {
      return;
    }
    try {
      update(rt, budget, podName, ready, opts);
    } catch (Unprotected e) {
      // nothing to take
    }
  }

  private void update(
      ResourceType rt, ObjectNode budget, String podName, boolean ready, WriteOptions opts) {
    registry.guaranteedUpdate(
        rt,
        Meta.namespace(budget),
        Meta.name(budget),
        cur -> {
          JsonNode status = cur.path("status");
          long generation = cur.path("metadata").path("generation").asLong(0);
          if (status.path("observedGeneration").asLong(-1) < generation) {
            throw refused(
                podName,
                "The disruption budget "
                    + Meta.name(cur)
                    + " is still being processed by the server.");
          }
          int healthy = status.path("currentHealthy").asInt(0);
          int desired = status.path("desiredHealthy").asInt(0);
          if (!ready) {
            if (healthy >= desired) {
              throw new Unprotected(); // an unready pod of a healthy budget costs nothing
            }
            throw refused(podName, needs(cur, desired, healthy));
          }
          int allowed = status.path("disruptionsAllowed").asInt(0);
          if (allowed <= 0) {
            throw refused(podName, needs(cur, desired, healthy));
          }
          ObjectNode s = cur.with("status");
          s.put("disruptionsAllowed", allowed - 1);
          s.with("disruptedPods").put(podName, Meta.timestamp(registry.clock().instant()));
          Meta.of(cur).remove("resourceVersion");
          return cur;
        },
        UpdatePart.DIRECT,
        opts);
  }

  /** Unwinds a budget update that turned out not to be needed. */
  private static final class Unprotected extends RuntimeException {
    Unprotected() {
      super(null, null, false, false);
    }
  }

  private static String needs(ObjectNode pdb, int desired, int healthy) {
    return "The disruption budget "
        + Meta.name(pdb)
        + " needs "
        + desired
        + " healthy pods and has "
        + healthy
        + " currently";
  }

  private static ApiException refused(String podName, String cause) {
    return new ApiException(
        429,
        "TooManyRequests",
        "Cannot evict pod as it would violate the pod's disruption budget.",
        new ApiException.Details(
            podName,
            "policy",
            "Eviction",
            List.of(new FieldError(FieldError.Type.FORBIDDEN, "", null, cause)),
            10));
  }

  private static boolean ready(ObjectNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }
}
