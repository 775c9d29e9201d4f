package io.nauta.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.nauta.api.labels.LabelSelector;
import io.nauta.scheduler.framework.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One pod (anti-)affinity term of an owner pod, resolved against that owner: which namespaces it
 * looks in, which pods it selects there, over which topology, and its weight (1 for required
 * terms).
 *
 * @param namespaces the namespaces whose pods the term can select; null means every namespace
 * @param selector the label selector, already narrowed by {@code matchLabelKeys} and {@code
 *     mismatchLabelKeys}
 * @param topologyKey the node label that defines a domain
 * @param weight the preference weight; negative for preferred anti-affinity
 */
record AffinityTerm(
    Set<String> namespaces, LabelSelector selector, String topologyKey, long weight) {

  /** Whether the term selects {@code pod}: in one of its namespaces and matching its selector. */
  boolean matches(Pod pod) {
    return (namespaces == null || namespaces.contains(Selectors.namespace(pod)))
        && selector.matches(Selectors.podLabels(pod));
  }

  /** Whether every term selects {@code pod}; true for no terms. */
  static boolean allMatch(List<AffinityTerm> terms, Pod pod) {
    for (AffinityTerm t : terms) {
      if (!t.matches(pod)) {
        return false;
      }
    }
    return true;
  }

  /** One pod's terms, resolved once. */
  private record Terms(
      List<AffinityTerm> requiredAffinity,
      List<AffinityTerm> requiredAntiAffinity,
      List<AffinityTerm> preferred) {}

  /**
   * Resolved terms by pod uid and resourceVersion: a cycle looks at every assigned pod with
   * affinity, and compiling their selectors each time dominated the cycle. Bounded by clearing.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Terms> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 50_000;

  private static Terms terms(Pod owner) {
    String uid = owner.getMetadata().getUid();
    String rv = owner.getMetadata().getResourceVersion();
    if (uid == null || rv == null) {
      return resolveAll(owner);
    }
    String key = uid + "/" + rv;
    Terms t = CACHE.get(key);
    if (t == null) {
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear();
      }
      t = resolveAll(owner);
      CACHE.put(key, t);
    }
    return t;
  }

  private static Terms resolveAll(Pod owner) {
    return new Terms(
        resolveRequiredAffinity(owner),
        resolveRequiredAntiAffinity(owner),
        resolvePreferred(owner));
  }

  /** The owner's {@code requiredDuringSchedulingIgnoredDuringExecution} pod affinity terms. */
  static List<AffinityTerm> requiredAffinity(Pod owner) {
    return hasAny(owner) ? terms(owner).requiredAffinity() : List.of();
  }

  /** The owner's required pod anti-affinity terms. */
  static List<AffinityTerm> requiredAntiAffinity(Pod owner) {
    return hasAny(owner) ? terms(owner).requiredAntiAffinity() : List.of();
  }

  /**
   * The owner's preferred terms with signed weights: positive for affinity, negative for
   * anti-affinity.
   */
  static List<AffinityTerm> preferred(Pod owner) {
    return hasAny(owner) ? terms(owner).preferred() : List.of();
  }

  private static List<AffinityTerm> resolveRequiredAffinity(Pod owner) {
    Affinity a = affinity(owner);
    return a == null || a.getPodAffinity() == null
        ? List.of()
        : resolve(owner, a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), 1);
  }

  private static List<AffinityTerm> resolveRequiredAntiAffinity(Pod owner) {
    Affinity a = affinity(owner);
    return a == null || a.getPodAntiAffinity() == null
        ? List.of()
        : resolve(
            owner, a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), 1);
  }

  private static List<AffinityTerm> resolvePreferred(Pod owner) {
    Affinity a = affinity(owner);
    List<AffinityTerm> out = new ArrayList<>();
    if (a != null && a.getPodAffinity() != null) {
      addWeighted(
          out, owner, a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), 1);
    }
    if (a != null && a.getPodAntiAffinity() != null) {
      addWeighted(
          out,
          owner,
          a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
          -1);
    }
    return List.copyOf(out);
  }

  /** Whether the owner has any pod affinity or anti-affinity at all (a cheap pre-check). */
  static boolean hasAny(Pod owner) {
    Affinity a = affinity(owner);
    return a != null && (a.getPodAffinity() != null || a.getPodAntiAffinity() != null);
  }

  private static void addWeighted(
      List<AffinityTerm> out, Pod owner, List<WeightedPodAffinityTerm> terms, int sign) {
    if (terms == null) {
      return;
    }
    for (WeightedPodAffinityTerm w : terms) {
      if (w.getPodAffinityTerm() != null && w.getWeight() != null && w.getWeight() != 0) {
        out.add(resolve(owner, w.getPodAffinityTerm(), (long) sign * w.getWeight()));
      }
    }
  }

  private static List<AffinityTerm> resolve(Pod owner, List<PodAffinityTerm> terms, long weight) {
    if (terms == null) {
      return List.of();
    }
    List<AffinityTerm> out = new ArrayList<>(terms.size());
    for (PodAffinityTerm t : terms) {
      out.add(resolve(owner, t, weight));
    }
    return out;
  }

  /**
   * Namespaces as Kubernetes resolves them: the listed ones, all of them for an empty {@code
   * namespaceSelector}, and the owner's own when neither is given. A non-empty namespace selector
   * would need namespace labels the scheduler snapshot does not carry, so it adds no namespaces.
   */
  private static AffinityTerm resolve(Pod owner, PodAffinityTerm t, long weight) {
    List<String> listed = t.getNamespaces() == null ? List.of() : t.getNamespaces();
    var nsSelector = t.getNamespaceSelector();
    Set<String> namespaces;
    if (nsSelector != null && Selectors.compile(nsSelector).isEmpty()) {
      namespaces = null;
    } else if (listed.isEmpty() && nsSelector == null) {
      namespaces = Set.of(Selectors.namespace(owner));
    } else {
      namespaces = Set.copyOf(listed);
    }
    var selector =
        Selectors.withLabelKeys(
            Selectors.compile(t.getLabelSelector()),
            Selectors.podLabels(owner),
            t.getMatchLabelKeys(),
            t.getMismatchLabelKeys());
    return new AffinityTerm(namespaces, selector, t.getTopologyKey(), weight);
  }

  private static Affinity affinity(Pod pod) {
    return pod.getSpec() == null ? null : pod.getSpec().getAffinity();
  }
}
