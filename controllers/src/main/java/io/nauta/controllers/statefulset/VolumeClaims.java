package io.nauta.controllers.statefulset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A StatefulSet's volumeClaimTemplates as Kubernetes applies them, pure. The claim of template
 * {@code T} for ordinal {@code i} is {@code <T>-<set>-<i>} in the set's namespace: the template's
 * spec, its labels plus the set's selector matchLabels. The pod of the ordinal mounts it as the
 * volume named {@code T}, replacing a template volume of that name.
 *
 * <p>The retention policy ({@code whenDeleted}, {@code whenScaled}; Retain unless Delete) is kept
 * as owner references, each a controller reference that blocks its owner's foreground deletion:
 * whenDeleted Delete makes the set own the claims of ordinals in range; whenScaled Delete makes a
 * pod above the range own its claims (and, with both Delete, the set owns it no longer), so the
 * garbage collector deletes them after the pod. Claims held by something else's controller
 * reference, or by a set or pod of the same name but another uid (a previous incarnation), are left
 * alone.
 */
final class VolumeClaims {
  static final String RETAIN = "Retain";
  static final String DELETE = "Delete";

  private VolumeClaims() {}

  /** The retention policy with Retain for anything unset. */
  record Policy(String whenDeleted, String whenScaled) {
    static Policy of(StatefulSet set) {
      var p = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
      return new Policy(
          p == null || p.getWhenDeleted() == null ? RETAIN : p.getWhenDeleted(),
          p == null || p.getWhenScaled() == null ? RETAIN : p.getWhenScaled());
    }

    boolean retainsAll() {
      return !DELETE.equals(whenDeleted) && !DELETE.equals(whenScaled);
    }
  }

  /** {@code <template>-<set>-<ordinal>}. */
  static String name(String template, StatefulSet set, int ordinal) {
    return template + "-" + set.getMetadata().getName() + "-" + ordinal;
  }

  /** The claims the pod of {@code ordinal} needs, keyed by template (volume) name, in order. */
  static Map<String, PersistentVolumeClaim> claims(StatefulSet set, int ordinal) {
    Map<String, PersistentVolumeClaim> out = new LinkedHashMap<>();
    List<PersistentVolumeClaim> templates = set.getSpec().getVolumeClaimTemplates();
    if (templates == null) {
      return out;
    }
    var selector = set.getSpec().getSelector();
    Map<String, String> matchLabels =
        selector == null || selector.getMatchLabels() == null
            ? Map.of()
            : selector.getMatchLabels();
    for (PersistentVolumeClaim t : templates) {
      String template = t.getMetadata().getName();
      Map<String, String> labels = new LinkedHashMap<>();
      if (t.getMetadata().getLabels() != null) {
        labels.putAll(t.getMetadata().getLabels());
      }
      labels.putAll(matchLabels);
      PersistentVolumeClaim c =
          new PersistentVolumeClaimBuilder()
              .withApiVersion("v1")
              .withKind("PersistentVolumeClaim")
              .withNewMetadata()
              .withName(name(template, set, ordinal))
              .withNamespace(set.getMetadata().getNamespace())
              .withLabels(labels)
              .withAnnotations(
                  t.getMetadata().getAnnotations() == null
                      ? null
                      : new LinkedHashMap<>(t.getMetadata().getAnnotations()))
              .endMetadata()
              .withSpec(
                  t.getSpec() == null
                      ? null
                      : new PersistentVolumeClaimBuilder().withSpec(t.getSpec()).buildSpec())
              .build();
      out.put(template, c);
    }
    return out;
  }

  /**
   * Points the pod's volumes at its claims: one {@code persistentVolumeClaim} volume per template,
   * first, then the pod template's other volumes (one named like a template is replaced).
   */
  static void mount(StatefulSet set, Pod pod, int ordinal) {
    Map<String, PersistentVolumeClaim> claims = claims(set, ordinal);
    if (claims.isEmpty()) {
      return;
    }
    List<Volume> volumes = new ArrayList<>();
    claims.forEach(
        (template, claim) ->
            volumes.add(
                new VolumeBuilder()
                    .withName(template)
                    .withNewPersistentVolumeClaim()
                    .withClaimName(claim.getMetadata().getName())
                    .withReadOnly(false)
                    .endPersistentVolumeClaim()
                    .build()));
    if (pod.getSpec().getVolumes() != null) {
      for (Volume v : pod.getSpec().getVolumes()) {
        if (!claims.containsKey(v.getName())) {
          volumes.add(v);
        }
      }
    }
    pod.getSpec().setVolumes(volumes);
  }

  /**
   * Whether {@code claim} still belongs to an earlier pod of this name (a reference to a Pod so
   * named with another uid, or any such reference when the pod is not made yet, {@code podUid}
   * null): under whenScaled Delete the garbage collector is about to delete it, so the pod waits.
   */
  static boolean stale(PersistentVolumeClaim claim, String podName, String podUid) {
    return refs(claim).stream()
        .anyMatch(
            r -> isPodRef(r, podName) && (podUid == null || !Objects.equals(podUid, r.getUid())));
  }

  /**
   * Whether the claim's owner references already say what the policy wants for the pod of an
   * ordinal in range ({@code inRange}) or beyond it. Claims in an unknown state (stale references,
   * another controller without ours) count as up to date so they are never touched.
   */
  static boolean ownersUpToDate(
      PersistentVolumeClaim claim, StatefulSet set, Pod pod, boolean inRange) {
    if (staleRef(claim, set, pod)) {
      return true;
    }
    Policy policy = Policy.of(set);
    boolean setRef = hasUid(claim, set);
    boolean podRef = hasUid(claim, pod);
    if (otherController(claim, set, pod, policy)) {
      return !setRef && !podRef; // ours must go; nothing is added on top of another controller
    }
    for (OwnerReference r : refs(claim)) {
      if ((uid(set).equals(r.getUid()) || uid(pod).equals(r.getUid()))
          && !Boolean.TRUE.equals(r.getController())) {
        return false;
      }
    }
    return setRef == wantsSet(policy, inRange) && podRef == wantsPod(policy, inRange);
  }

  /** The claim's owner references as the policy wants them (see {@link #ownersUpToDate}). */
  static List<OwnerReference> owners(
      PersistentVolumeClaim claim, StatefulSet set, Pod pod, boolean inRange) {
    Policy policy = Policy.of(set);
    boolean other = otherController(claim, set, pod, policy);
    List<OwnerReference> out =
        refs(claim).stream()
            .filter(r -> !matches(r, "apps/v1", "StatefulSet", set.getMetadata().getName()))
            .filter(r -> !isPodRef(r, pod.getMetadata().getName()))
            .collect(Collectors.toCollection(ArrayList::new));
    if (other) {
      return out;
    }
    if (wantsSet(policy, inRange)) {
      out.add(controllerRef("apps/v1", "StatefulSet", set));
    }
    if (wantsPod(policy, inRange)) {
      out.add(controllerRef("v1", "Pod", pod));
    }
    return out;
  }

  /** The set owns the claims of ordinals in range when deleting the set deletes them. */
  private static boolean wantsSet(Policy policy, boolean inRange) {
    return DELETE.equals(policy.whenDeleted()) && (inRange || !DELETE.equals(policy.whenScaled()));
  }

  /** A pod beyond the range owns its claims when scaling down deletes them. */
  private static boolean wantsPod(Policy policy, boolean inRange) {
    return DELETE.equals(policy.whenScaled()) && !inRange;
  }

  private static boolean staleRef(PersistentVolumeClaim claim, StatefulSet set, Pod pod) {
    for (OwnerReference r : refs(claim)) {
      if (matches(r, "apps/v1", "StatefulSet", set.getMetadata().getName())) {
        return !uid(set).equals(r.getUid());
      }
    }
    for (OwnerReference r : refs(claim)) {
      if (isPodRef(r, pod.getMetadata().getName())) {
        return !uid(pod).equals(r.getUid());
      }
    }
    return false;
  }

  /**
   * Whether a controller other than this set and pod holds the claim (or one of them by another
   * uid), which only matters once the policy would add references.
   */
  static boolean otherController(PersistentVolumeClaim claim, StatefulSet set, Pod pod) {
    return otherController(claim, set, pod, Policy.of(set));
  }

  private static boolean otherController(
      PersistentVolumeClaim claim, StatefulSet set, Pod pod, Policy policy) {
    if (policy.retainsAll()) {
      return false;
    }
    for (OwnerReference r : refs(claim)) {
      if (matches(r, "apps/v1", "StatefulSet", set.getMetadata().getName())) {
        if (!uid(set).equals(r.getUid())) {
          return true;
        }
      } else if (isPodRef(r, pod.getMetadata().getName())) {
        if (!uid(pod).equals(r.getUid())) {
          return true;
        }
      } else if (Boolean.TRUE.equals(r.getController())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPodRef(OwnerReference r, String podName) {
    return matches(r, "v1", "Pod", podName);
  }

  private static boolean matches(OwnerReference r, String apiVersion, String kind, String name) {
    return apiVersion.equals(r.getApiVersion())
        && kind.equals(r.getKind())
        && name.equals(r.getName());
  }

  private static boolean hasUid(PersistentVolumeClaim claim, HasMetadata owner) {
    return refs(claim).stream().anyMatch(r -> uid(owner).equals(r.getUid()));
  }

  private static String uid(HasMetadata o) {
    return o.getMetadata().getUid() == null ? "" : o.getMetadata().getUid();
  }

  private static List<OwnerReference> refs(PersistentVolumeClaim claim) {
    List<OwnerReference> refs = claim.getMetadata().getOwnerReferences();
    return refs == null ? List.of() : refs;
  }

  private static OwnerReference controllerRef(String apiVersion, String kind, HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** Whether {@code claim} is named like a claim of one of the set's templates. */
  static boolean belongsTo(StatefulSet set, String claim) {
    List<PersistentVolumeClaim> templates = set.getSpec().getVolumeClaimTemplates();
    if (templates == null) {
      return false;
    }
    String suffix = "-" + set.getMetadata().getName() + "-";
    for (PersistentVolumeClaim t : templates) {
      String prefix = t.getMetadata().getName() + suffix;
      if (claim.startsWith(prefix)
          && claim.length() > prefix.length()
          && claim.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
        return true;
      }
    }
    return false;
  }
}
