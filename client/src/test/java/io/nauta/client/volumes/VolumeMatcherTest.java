package io.nauta.client.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeMatcherTest {
  private static final String UID = "uid-1";

  static PersistentVolume pv(String name, String size, String... modes) {
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid("pv-" + name)
        .endMetadata()
        .withNewSpec()
        .addToCapacity("storage", new Quantity(size))
        .withAccessModes(modes.length == 0 ? List.of("ReadWriteOnce") : List.of(modes))
        .withStorageClassName("fast")
        .withVolumeMode("Filesystem")
        .withNewHostPath()
        .withPath("/data/" + name)
        .endHostPath()
        .endSpec()
        .withNewStatus()
        .withPhase("Available")
        .endStatus()
        .build();
  }

  static PersistentVolumeClaim claim(String size, UnaryOperator<PersistentVolumeClaimBuilder> f) {
    return f.apply(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("data")
                .withNamespace("ns")
                .withUid(UID)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName("fast")
                .withVolumeMode("Filesystem")
                .withNewResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec())
        .build();
  }

  static PersistentVolume with(PersistentVolume v, UnaryOperator<PersistentVolumeBuilder> f) {
    return f.apply(new PersistentVolumeBuilder(v)).build();
  }

  static Stream<Arguments> cases() {
    PersistentVolume small = pv("small", "1Gi");
    PersistentVolume medium = pv("medium", "5Gi");
    PersistentVolume large = pv("large", "10Gi");
    PersistentVolume many = pv("many", "2Gi", "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany");
    return Stream.of(
        Arguments.of(
            "the smallest volume that fits",
            claim("2Gi", b -> b),
            List.of(large, small, medium),
            "medium"),
        Arguments.of("an exact size fits", claim("5Gi", b -> b), List.of(large, medium), "medium"),
        Arguments.of(
            "a request in other units compares by bytes",
            claim("5368709120", b -> b),
            List.of(large, medium),
            "medium"),
        Arguments.of("nothing big enough", claim("20Gi", b -> b), List.of(large, medium), null),
        Arguments.of(
            "another class never matches",
            claim("1Gi", b -> b.editSpec().withStorageClassName("slow").endSpec()),
            List.of(small),
            null),
        Arguments.of(
            "a claim of no class matches only volumes of no class",
            claim("1Gi", b -> b.editSpec().withStorageClassName("").endSpec()),
            List.of(small, with(medium, v -> v.editSpec().withStorageClassName(null).endSpec())),
            "medium"),
        Arguments.of(
            "the beta class annotation wins over the spec",
            claim(
                "1Gi",
                b ->
                    b.editMetadata()
                        .addToAnnotations(StorageAnnotations.BETA_STORAGE_CLASS, "slow")
                        .endMetadata()),
            List.of(small, with(large, v -> v.editSpec().withStorageClassName("slow").endSpec())),
            "large"),
        Arguments.of(
            "access modes must all be offered",
            claim("1Gi", b -> b.editSpec().withAccessModes("ReadWriteMany").endSpec()),
            List.of(small, many),
            "many"),
        Arguments.of(
            "fewer access modes win over a smaller size",
            claim("1Gi", b -> b),
            List.of(many, medium),
            "medium"),
        Arguments.of(
            "the selector filters by labels",
            claim(
                "1Gi",
                b ->
                    b.editSpec()
                        .withNewSelector()
                        .addToMatchLabels("tier", "gold")
                        .endSelector()
                        .endSpec()),
            List.of(
                small,
                with(large, v -> v.editMetadata().addToLabels("tier", "gold").endMetadata())),
            "large"),
        Arguments.of(
            "a volume claimed by another claim is skipped",
            claim("1Gi", b -> b),
            List.of(
                with(
                    small,
                    v ->
                        v.editSpec()
                            .withNewClaimRef()
                            .withNamespace("ns")
                            .withName("other")
                            .withUid("uid-2")
                            .endClaimRef()
                            .endSpec()),
                large),
            "large"),
        Arguments.of(
            "a volume not Available is skipped",
            claim("1Gi", b -> b),
            List.of(with(small, v -> v.editStatus().withPhase("Released").endStatus()), large),
            "large"),
        Arguments.of(
            "a volume being deleted is skipped",
            claim("1Gi", b -> b),
            List.of(
                with(
                    small,
                    v ->
                        v.editMetadata()
                            .withDeletionTimestamp("2026-12-01T00:00:00Z")
                            .endMetadata()),
                large),
            "large"),
        Arguments.of(
            "a block volume never serves a filesystem claim",
            claim("1Gi", b -> b),
            List.of(with(small, v -> v.editSpec().withVolumeMode("Block").endSpec())),
            null),
        Arguments.of(
            "a volume pre-bound to the claim by name wins over a better fit",
            claim("1Gi", b -> b),
            List.of(
                small,
                with(
                    large,
                    v ->
                        v.editSpec()
                            .withNewClaimRef()
                            .withNamespace("ns")
                            .withName("data")
                            .endClaimRef()
                            .endSpec()
                            .editStatus()
                            .withPhase("Pending")
                            .endStatus())),
            "large"),
        Arguments.of(
            "a volume pre-bound to an older claim of the same name is skipped",
            claim("1Gi", b -> b),
            List.of(
                with(
                    small,
                    v ->
                        v.editSpec()
                            .withNewClaimRef()
                            .withNamespace("ns")
                            .withName("data")
                            .withUid("uid-old")
                            .endClaimRef()
                            .endSpec())),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bindsTheBestMatch(
      String name, PersistentVolumeClaim claim, List<PersistentVolume> volumes, String expected) {
    assertThat(
            VolumeMatcher.findBestMatch(claim, volumes, false).map(v -> v.getMetadata().getName()))
        .isEqualTo(java.util.Optional.ofNullable(expected));
  }

  @Test
  void delayedBindingOnlyTakesVolumesPreBoundToTheClaim() {
    PersistentVolume provisioned =
        with(
            pv("pvc-" + UID, "1Gi"),
            v ->
                v.editSpec()
                    .withNewClaimRef()
                    .withNamespace("ns")
                    .withName("data")
                    .withUid(UID)
                    .endClaimRef()
                    .endSpec());
    PersistentVolumeClaim c = claim("1Gi", b -> b);
    assertThat(VolumeMatcher.findBestMatch(c, List.of(pv("free", "1Gi")), true)).isEmpty();
    assertThat(VolumeMatcher.findBestMatch(c, List.of(pv("free", "1Gi"), provisioned), true))
        .contains(provisioned);
  }

  @Test
  void explainsWhyARequestedVolumeCannotServeTheClaim() {
    PersistentVolumeClaim c = claim("2Gi", b -> b);
    assertThat(VolumeMatcher.mismatch(pv("a", "1Gi"), c)).contains("requested PV is too small");
    assertThat(
            VolumeMatcher.mismatch(
                with(pv("b", "2Gi"), v -> v.editSpec().withStorageClassName("slow").endSpec()), c))
        .contains("storageClassName does not match");
    assertThat(VolumeMatcher.mismatch(pv("c", "2Gi", "ReadOnlyMany"), c))
        .contains("incompatible accessMode");
    assertThat(VolumeMatcher.mismatch(pv("d", "3Gi"), c)).isEmpty();
  }
}
