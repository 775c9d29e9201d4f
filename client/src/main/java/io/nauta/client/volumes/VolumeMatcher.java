package io.nauta.client.volumes;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.nauta.api.labels.LabelSelector;
import io.nauta.client.labels.LabelSelectors;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which volume a claim binds to, as Kubernetes' {@code FindMatchingVolume} decides it: a volume
 * pre-bound to the claim ({@code spec.claimRef} naming it) wins; otherwise, among Available,
 * unclaimed volumes of the claim's class and volume mode, whose labels its selector matches, whose
 * access modes include all of the claim's and whose capacity covers its request, the one with the
 * fewest access modes and then the smallest capacity. Stateless.
 */
public final class VolumeMatcher {
  private VolumeMatcher() {}

  /**
   * The volume {@code claim} should bind to, or empty when none fits.
   *
   * @param delayBinding whether the claim's class binds only once a pod uses it
   *     (WaitForFirstConsumer): then only volumes pre-bound to the claim count
   */
  public static Optional<PersistentVolume> findBestMatch(
      PersistentVolumeClaim claim, Collection<PersistentVolume> volumes, boolean delayBinding) {
    return findBestMatch(claim, volumes, delayBinding, v -> true);
  }

  /**
   * As {@link #findBestMatch(PersistentVolumeClaim, Collection, boolean)}, among the volumes {@code
   * usable} accepts (e.g. those a node's affinity admits and no other pod has taken); a volume
   * pre-bound to the claim that {@code usable} rejects means no match.
   */
  public static Optional<PersistentVolume> findBestMatch(
      PersistentVolumeClaim claim,
      Collection<PersistentVolume> volumes,
      boolean delayBinding,
      Predicate<PersistentVolume> usable) {
    BigDecimal requested = requested(claim);
    String requestedClass = StorageAnnotations.claimClass(claim);
    LabelSelector selector =
        claim.getSpec().getSelector() == null
            ? LabelSelector.everything()
            : LabelSelectors.compile(claim.getSpec().getSelector());
    List<String> modes = accessModes(claim.getSpec().getAccessModes());
    PersistentVolume best = null;
    for (PersistentVolume volume : volumes) {
      if (capacity(volume).compareTo(requested) < 0
          || !volumeMode(volume).equals(claimVolumeMode(claim))
          || volume.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      if (boundToClaim(volume, claim)) {
        return usable.test(volume) ? Optional.of(volume) : Optional.empty();
      }
      if (delayBinding
          || !usable.test(volume)
          || !"Available".equals(phase(volume))
          || volume.getSpec().getClaimRef() != null
          || !selector.matches(labels(volume))
          || !StorageAnnotations.volumeClass(volume).equals(requestedClass)
          || !accessModes(volume.getSpec().getAccessModes()).containsAll(modes)) {
        continue;
      }
      if (best == null || PREFERENCE.compare(volume, best) < 0) {
        best = volume;
      }
    }
    return Optional.ofNullable(best);
  }

  private static final Comparator<PersistentVolume> PREFERENCE =
      Comparator.comparingInt(
              (PersistentVolume v) -> accessModes(v.getSpec().getAccessModes()).size())
          .thenComparing(VolumeMatcher::capacity)
          .thenComparing(v -> v.getMetadata().getName());

  /**
   * Why {@code volume} cannot serve {@code claim} (which asked for it by name), or empty when it
   * can: as Kubernetes' {@code checkVolumeSatisfyClaim}.
   */
  public static Optional<String> mismatch(PersistentVolume volume, PersistentVolumeClaim claim) {
    if (capacity(volume).compareTo(requested(claim)) < 0) {
      return Optional.of("requested PV is too small");
    }
    if (!StorageAnnotations.volumeClass(volume).equals(StorageAnnotations.claimClass(claim))) {
      return Optional.of("storageClassName does not match");
    }
    if (!volumeMode(volume).equals(claimVolumeMode(claim))) {
      return Optional.of("incompatible volumeMode");
    }
    if (!accessModes(volume.getSpec().getAccessModes())
        .containsAll(accessModes(claim.getSpec().getAccessModes()))) {
      return Optional.of("incompatible accessMode");
    }
    return Optional.empty();
  }

  /**
   * Whether {@code volume}'s {@code claimRef} names {@code claim}: same namespace and name, and the
   * claim's uid unless the reference has none (a user's pre-binding by name).
   */
  public static boolean boundToClaim(PersistentVolume volume, PersistentVolumeClaim claim) {
    ObjectReference ref = volume.getSpec().getClaimRef();
    if (ref == null) {
      return false;
    }
    return Objects.equals(ref.getName(), claim.getMetadata().getName())
        && Objects.equals(ref.getNamespace(), claim.getMetadata().getNamespace())
        && (ref.getUid() == null
            || ref.getUid().isEmpty()
            || ref.getUid().equals(claim.getMetadata().getUid()));
  }

  /** A volume's {@code spec.claimRef} naming {@code claim} (with its uid and version). */
  public static ObjectReference claimRef(PersistentVolumeClaim claim) {
    return new ObjectReferenceBuilder()
        .withKind("PersistentVolumeClaim")
        .withApiVersion("v1")
        .withNamespace(claim.getMetadata().getNamespace())
        .withName(claim.getMetadata().getName())
        .withUid(claim.getMetadata().getUid())
        .withResourceVersion(claim.getMetadata().getResourceVersion())
        .build();
  }

  /** The claim's storage request in bytes (0 when absent). */
  public static BigDecimal requested(PersistentVolumeClaim claim) {
    var resources = claim.getSpec().getResources();
    Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
    return bytes(requests == null ? null : requests.get("storage"));
  }

  /** The volume's storage capacity in bytes (0 when absent). */
  public static BigDecimal capacity(PersistentVolume volume) {
    Map<String, Quantity> capacity = volume.getSpec().getCapacity();
    return bytes(capacity == null ? null : capacity.get("storage"));
  }

  private static BigDecimal bytes(Quantity q) {
    return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
  }

  private static String volumeMode(PersistentVolume v) {
    String m = v.getSpec().getVolumeMode();
    return m == null ? "Filesystem" : m;
  }

  private static String claimVolumeMode(PersistentVolumeClaim c) {
    String m = c.getSpec().getVolumeMode();
    return m == null ? "Filesystem" : m;
  }

  private static String phase(PersistentVolume v) {
    return v.getStatus() == null ? "" : v.getStatus().getPhase();
  }

  private static Map<String, String> labels(PersistentVolume v) {
    Map<String, String> l = v.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  private static List<String> accessModes(List<String> modes) {
    return modes == null ? List.of() : modes;
  }
}
