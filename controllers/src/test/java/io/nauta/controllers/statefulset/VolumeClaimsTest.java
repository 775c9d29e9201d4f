package io.nauta.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeClaimsTest {
  static StatefulSet set(String whenDeleted, String whenScaled) {
    StatefulSetBuilder b =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("shop")
            .withUid("set-uid")
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withServiceName("web")
            .withNewSelector()
            .withMatchLabels(Map.of("app", "web"))
            .endSelector()
            .withTemplate(
                new PodTemplateSpecBuilder()
                    .withNewMetadata()
                    .withLabels(Map.of("app", "web"))
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("web")
                    .withImage("nginx")
                    .endContainer()
                    .addNewVolume()
                    .withName("data")
                    .withNewEmptyDir()
                    .endEmptyDir()
                    .endVolume()
                    .addNewVolume()
                    .withName("config")
                    .withNewConfigMap()
                    .withName("web-config")
                    .endConfigMap()
                    .endVolume()
                    .endSpec()
                    .build())
            .addNewVolumeClaimTemplate()
            .withNewMetadata()
            .withName("data")
            .withLabels(Map.of("tier", "db", "app", "overridden"))
            .withAnnotations(Map.of("backup", "daily"))
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withNewResources()
            .withRequests(Map.of("storage", new Quantity("1Gi")))
            .endResources()
            .endSpec()
            .endVolumeClaimTemplate()
            .addNewVolumeClaimTemplate()
            .withNewMetadata()
            .withName("logs")
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withStorageClassName("fast")
            .endSpec()
            .endVolumeClaimTemplate()
            .endSpec();
    if (whenDeleted != null) {
      b.editSpec()
          .withNewPersistentVolumeClaimRetentionPolicy()
          .withWhenDeleted(whenDeleted)
          .withWhenScaled(whenScaled)
          .endPersistentVolumeClaimRetentionPolicy()
          .endSpec();
    }
    return b.build();
  }

  static Pod pod(int ordinal) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-" + ordinal)
        .withNamespace("shop")
        .withUid("pod-uid-" + ordinal)
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .build();
  }

  static OwnerReference ref(String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  static final OwnerReference SET = ref("apps/v1", "StatefulSet", "web", "set-uid");
  static final OwnerReference POD = ref("v1", "Pod", "web-1", "pod-uid-1");
  static final OwnerReference OTHER = ref("example.com/v1", "Database", "db", "db-uid");

  static PersistentVolumeClaim claim(OwnerReference... refs) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("data-web-1")
        .withNamespace("shop")
        .withOwnerReferences(refs)
        .endMetadata()
        .build();
  }

  @Test
  void claimsAreNamedByTemplateSetAndOrdinalWithTheTemplatesSpecAndTheSelectorsLabels() {
    Map<String, PersistentVolumeClaim> claims = VolumeClaims.claims(set(null, null), 3);
    assertThat(claims).containsOnlyKeys("data", "logs");
    PersistentVolumeClaim data = claims.get("data");
    assertThat(data.getMetadata().getName()).isEqualTo("data-web-3");
    assertThat(data.getMetadata().getNamespace()).isEqualTo("shop");
    // the selector's labels win over the template's
    assertThat(data.getMetadata().getLabels()).isEqualTo(Map.of("tier", "db", "app", "web"));
    assertThat(data.getMetadata().getAnnotations()).isEqualTo(Map.of("backup", "daily"));
    assertThat(data.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(data.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(data.getSpec().getResources().getRequests()).containsKey("storage");
    // no class named: left for the default StorageClass admission to fill in
    assertThat(data.getSpec().getStorageClassName()).isNull();
    PersistentVolumeClaim logs = claims.get("logs");
    assertThat(logs.getMetadata().getName()).isEqualTo("logs-web-3");
    assertThat(logs.getMetadata().getLabels()).isEqualTo(Map.of("app", "web"));
    assertThat(logs.getSpec().getStorageClassName()).isEqualTo("fast");
  }

  @Test
  void thePodMountsItsClaimsInPlaceOfTemplateVolumesOfTheSameName() {
    StatefulSet set = set(null, null);
    Pod p = StatefulSets.pod(set, set.getSpec().getTemplate(), "web-abc", 1);
    assertThat(p.getSpec().getVolumes())
        .extracting(Volume::getName)
        .containsExactly("data", "logs", "config");
    assertThat(p.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("data-web-1");
    assertThat(p.getSpec().getVolumes().get(0).getEmptyDir()).isNull();
    assertThat(p.getSpec().getVolumes().get(1).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("logs-web-1");
    assertThat(p.getSpec().getVolumes().get(2).getConfigMap().getName()).isEqualTo("web-config");
    // the set's template is not changed by it
    assertThat(set.getSpec().getTemplate().getSpec().getVolumes().get(0).getEmptyDir()).isNotNull();
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("Retain/Retain keeps no reference", "Retain", "Retain", true, List.of()),
        Arguments.of("Retain/Retain, scaled down", "Retain", "Retain", false, List.of()),
        Arguments.of("unset policy is Retain/Retain", null, null, false, List.of()),
        Arguments.of("whenDeleted Delete: the set owns it", "Delete", "Retain", true, List.of(SET)),
        Arguments.of(
            "whenDeleted Delete, scaled down: still the set",
            "Delete",
            "Retain",
            false,
            List.of(SET)),
        Arguments.of("whenScaled Delete, in range: no owner", "Retain", "Delete", true, List.of()),
        Arguments.of(
            "whenScaled Delete, scaled down: the pod owns it",
            "Retain",
            "Delete",
            false,
            List.of(POD)),
        Arguments.of("both Delete, in range: the set", "Delete", "Delete", true, List.of(SET)),
        Arguments.of(
            "both Delete, scaled down: the pod only", "Delete", "Delete", false, List.of(POD)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void ownerReferencesFollowTheRetentionPolicy(
      String name,
      String whenDeleted,
      String whenScaled,
      boolean inRange,
      List<OwnerReference> wanted) {
    StatefulSet set = set(whenDeleted, whenScaled);
    Pod pod = pod(1);
    for (PersistentVolumeClaim from : List.of(claim(), claim(SET), claim(POD), claim(SET, POD))) {
      List<OwnerReference> next = VolumeClaims.owners(from, set, pod, inRange);
      assertThat(next).as("from %s", from.getMetadata().getOwnerReferences()).isEqualTo(wanted);
      boolean same = from.getMetadata().getOwnerReferences().equals(wanted);
      assertThat(VolumeClaims.ownersUpToDate(from, set, pod, inRange)).isEqualTo(same);
      assertThat(
              VolumeClaims.ownersUpToDate(
                  claim(next.toArray(OwnerReference[]::new)), set, pod, inRange))
          .isTrue();
    }
  }

  @Test
  void aScaledUpPodsClaimLosesItsPodReference() {
    StatefulSet set = set("Retain", "Delete");
    PersistentVolumeClaim scaledDown = claim(POD);
    assertThat(VolumeClaims.ownersUpToDate(scaledDown, set, pod(1), true)).isFalse();
    assertThat(VolumeClaims.owners(scaledDown, set, pod(1), true)).isEmpty();
  }

  @Test
  void ourReferencesWithoutControllerAreMadeControllers() {
    OwnerReference plain =
        new OwnerReferenceBuilder(SET).withController(false).withBlockOwnerDeletion(null).build();
    StatefulSet set = set("Delete", "Retain");
    assertThat(VolumeClaims.ownersUpToDate(claim(plain), set, pod(1), true)).isFalse();
    assertThat(VolumeClaims.owners(claim(plain), set, pod(1), true)).containsExactly(SET);
  }

  @Test
  void aClaimOfAnotherControllerIsLeftToIt() {
    StatefulSet set = set("Delete", "Delete");
    // nothing of ours on it: not touched
    assertThat(VolumeClaims.ownersUpToDate(claim(OTHER), set, pod(1), true)).isTrue();
    // ours beside another controller: ours are removed, its stays
    assertThat(VolumeClaims.ownersUpToDate(claim(OTHER, SET), set, pod(1), true)).isFalse();
    assertThat(VolumeClaims.owners(claim(OTHER, SET), set, pod(1), true)).containsExactly(OTHER);
    // a plain (non-controller) owner is kept beside ours
    OwnerReference plain = new OwnerReferenceBuilder(OTHER).withController(false).build();
    assertThat(VolumeClaims.owners(claim(plain), set, pod(1), true)).containsExactly(plain, SET);
  }

  @Test
  void referencesToAnEarlierSetOrPodOfTheSameNameAreNotTouched() {
    StatefulSet set = set("Delete", "Delete");
    OwnerReference oldSet = ref("apps/v1", "StatefulSet", "web", "old-set-uid");
    OwnerReference oldPod = ref("v1", "Pod", "web-1", "old-pod-uid");
    assertThat(VolumeClaims.ownersUpToDate(claim(oldSet), set, pod(1), true)).isTrue();
    assertThat(VolumeClaims.ownersUpToDate(claim(oldPod), set, pod(1), true)).isTrue();
  }

  @Test
  void aClaimStillOwnedByAPodOfTheSameNameIsStaleForItsSuccessor() {
    PersistentVolumeClaim owned = claim(POD);
    assertThat(VolumeClaims.stale(owned, "web-1", null)).isTrue(); // successor not made yet
    assertThat(VolumeClaims.stale(owned, "web-1", "pod-uid-1")).isFalse(); // that very pod
    assertThat(VolumeClaims.stale(owned, "web-1", "pod-uid-2")).isTrue();
    assertThat(VolumeClaims.stale(claim(SET), "web-1", null)).isFalse();
    assertThat(VolumeClaims.stale(claim(), "web-1", null)).isFalse();
  }

  @Test
  void claimsBelongToASetByTheirNames() {
    StatefulSet set = set(null, null);
    assertThat(VolumeClaims.belongsTo(set, "data-web-0")).isTrue();
    assertThat(VolumeClaims.belongsTo(set, "logs-web-12")).isTrue();
    assertThat(VolumeClaims.belongsTo(set, "data-web-")).isFalse();
    assertThat(VolumeClaims.belongsTo(set, "data-webx-0")).isFalse();
    assertThat(VolumeClaims.belongsTo(set, "cache-web-0")).isFalse();
  }
}
