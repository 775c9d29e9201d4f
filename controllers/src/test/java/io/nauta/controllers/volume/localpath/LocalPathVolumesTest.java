package io.nauta.controllers.volume.localpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.nauta.client.volumes.StorageAnnotations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalPathVolumesTest {
  private static Node node(String name, boolean ready, boolean announces, boolean cordoned) {
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels("kubernetes.io/hostname", name + "-host")
            .endMetadata()
            .withNewSpec()
            .withUnschedulable(cordoned)
            .endSpec()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "Unknown")
            .endCondition()
            .endStatus();
    if (announces) {
      b.editMetadata()
          .addToAnnotations(LocalPathVolumes.NODE_DIRECTORY, "/var/lib/nauta/" + name + "/storage/")
          .endMetadata();
    }
    return b.build();
  }

  private static PersistentVolume onNode(String name, String node) {
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToAnnotations(LocalPathVolumes.VOLUME_NODE, node)
        .endMetadata()
        .build();
  }

  private static PersistentVolumeClaim claim() {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("data")
        .withNamespace("ns")
        .withUid("1234")
        .withResourceVersion("7")
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName("local-path")
        .withNewResources()
        .addToRequests("storage", new Quantity("2Gi"))
        .endResources()
        .endSpec()
        .build();
  }

  @Test
  void picksTheReadyAnnouncingNodeWithFewestVolumes() {
    List<Node> nodes =
        List.of(
            node("a", true, true, false),
            node("b", true, true, false),
            node("c", false, true, false),
            node("d", true, false, false),
            node("e", true, true, true));
    assertThat(LocalPathVolumes.pickNode(nodes, List.of()).map(n -> n.getMetadata().getName()))
        .contains("a");
    assertThat(
            LocalPathVolumes.pickNode(nodes, List.of(onNode("v1", "a"), onNode("v2", "c")))
                .map(n -> n.getMetadata().getName()))
        .contains("b");
    assertThat(LocalPathVolumes.pickNode(List.of(node("d", true, false, false)), List.of()))
        .isEmpty();
  }

  @Test
  void makesAHostPathVolumePreBoundToTheClaimAndPinnedToTheNode() {
    StorageClass sc =
        new StorageClassBuilder()
            .withNewMetadata()
            .withName("local-path")
            .endMetadata()
            .withProvisioner(LocalPathVolumes.PROVISIONER)
            .withReclaimPolicy("Retain")
            .build();
    Node node = node("a", true, true, false);
    PersistentVolume pv =
        LocalPathVolumes.volume(claim(), sc, node, LocalPathVolumes.directory(node).orElseThrow());
    assertThat(pv.getMetadata().getName()).isEqualTo("pvc-1234");
    assertThat(pv.getSpec().getHostPath().getPath()).isEqualTo("/var/lib/nauta/a/storage/pvc-1234");
    assertThat(pv.getSpec().getHostPath().getType()).isEqualTo("DirectoryOrCreate");
    assertThat(pv.getSpec().getCapacity().get("storage")).isEqualTo(new Quantity("2Gi"));
    assertThat(pv.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
    assertThat(pv.getSpec().getStorageClassName()).isEqualTo("local-path");
    assertThat(pv.getSpec().getClaimRef().getUid()).isEqualTo("1234");
    assertThat(pv.getSpec().getClaimRef().getNamespace()).isEqualTo("ns");
    assertThat(pv.getSpec().getClaimRef().getName()).isEqualTo("data");
    var expr =
        pv.getSpec()
            .getNodeAffinity()
            .getRequired()
            .getNodeSelectorTerms()
            .get(0)
            .getMatchExpressions()
            .get(0);
    assertThat(expr.getKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(expr.getOperator()).isEqualTo("In");
    assertThat(expr.getValues()).containsExactly("a-host");
    assertThat(pv.getMetadata().getAnnotations())
        .containsEntry(StorageAnnotations.PROVISIONED_BY, "nauta.io/local-path")
        .containsEntry(LocalPathVolumes.VOLUME_NODE, "a");
    assertThat(pv.getMetadata().getFinalizers())
        .containsExactly(LocalPathVolumes.CLEANUP_FINALIZER);
  }

  @Test
  void refusesSelectorsSharedAccessAndBlockVolumes() {
    assertThat(LocalPathVolumes.unsupported(claim())).isEmpty();
    PersistentVolumeClaim selector =
        new PersistentVolumeClaimBuilder(claim())
            .editSpec()
            .withNewSelector()
            .addToMatchLabels("a", "b")
            .endSelector()
            .endSpec()
            .build();
    assertThat(LocalPathVolumes.unsupported(selector))
        .isEqualTo(Optional.of("claim Selector is not supported"));
    PersistentVolumeClaim rwx =
        new PersistentVolumeClaimBuilder(claim())
            .editSpec()
            .withAccessModes("ReadWriteMany")
            .endSpec()
            .build();
    assertThat(LocalPathVolumes.unsupported(rwx)).isPresent();
    PersistentVolumeClaim block =
        new PersistentVolumeClaimBuilder(claim())
            .editSpec()
            .withVolumeMode("Block")
            .endSpec()
            .build();
    assertThat(LocalPathVolumes.unsupported(block)).isPresent();
  }
}
