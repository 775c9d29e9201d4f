package io.nauta.scheduler.plugins.volumebinding;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.Listers;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeBindingTest {
  private final Map<String, PersistentVolumeClaim> claims = new HashMap<>();
  private final Map<String, PersistentVolume> volumes = new HashMap<>();
  private final Map<String, StorageClass> classes = new HashMap<>();
  private final List<String> writes = new ArrayList<>();

  private final Listers listers =
      new Listers() {
        @Override
        public List<io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget>
            podDisruptionBudgets(String namespace) {
          return List.of();
        }

        @Override
        public PersistentVolumeClaim persistentVolumeClaim(String namespace, String name) {
          return claims.get(namespace + "/" + name);
        }

        @Override
        public PersistentVolume persistentVolume(String name) {
          return volumes.get(name);
        }

        @Override
        public List<PersistentVolume> persistentVolumes() {
          return List.copyOf(volumes.values());
        }

        @Override
        public StorageClass storageClass(String name) {
          return classes.get(name);
        }
      };

  /** Writes recorded, and a bound claim appears as the volume controller would bind it. */
  private final VolumeBinding.Writes api =
      new VolumeBinding.Writes() {
        @Override
        public void bindVolume(PersistentVolume volume, PersistentVolumeClaim claim) {
          writes.add("bind " + volume.getMetadata().getName() + " " + name(claim));
          claims.put("default/" + name(claim), bound(claim, volume.getMetadata().getName()));
        }

        @Override
        public void selectNode(PersistentVolumeClaim claim, String node) {
          writes.add("select " + name(claim) + " " + node);
          claims.put("default/" + name(claim), bound(claim, "pvc-" + name(claim)));
        }
      };

  private final VolumeBinding plugin =
      new VolumeBinding(api, Clock.systemUTC(), Duration.ofSeconds(2));

  private static String name(PersistentVolumeClaim c) {
    return c.getMetadata().getName();
  }

  private static PersistentVolumeClaim bound(PersistentVolumeClaim c, String volume) {
    return new PersistentVolumeClaimBuilder(c)
        .editMetadata()
        .addToAnnotations("pv.kubernetes.io/bind-completed", "yes")
        .endMetadata()
        .editSpec()
        .withVolumeName(volume)
        .endSpec()
        .build();
  }

  private void storageClass(String name, String mode, String provisioner) {
    classes.put(
        name,
        new StorageClassBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withProvisioner(provisioner)
            .withVolumeBindingMode(mode)
            .build());
  }

  private PersistentVolumeClaim claim(String name, String className, String size) {
    PersistentVolumeClaim c =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .withUid("uid-" + name)
            .endMetadata()
            .withNewSpec()
            .withStorageClassName(className)
            .withAccessModes("ReadWriteOnce")
            .withNewResources()
            .addToRequests("storage", new Quantity(size))
            .endResources()
            .endSpec()
            .build();
    claims.put("default/" + name, c);
    return c;
  }

  private PersistentVolume volume(String name, String className, String size, String node) {
    PersistentVolume v =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withStorageClassName(className)
            .withAccessModes("ReadWriteOnce")
            .addToCapacity("storage", new Quantity(size))
            .withNewLocal()
            .withPath("/mnt/" + name)
            .endLocal()
            .withNewNodeAffinity()
            .withNewRequired()
            .withNodeSelectorTerms(
                new NodeSelectorTerm(
                    List.of(
                        new NodeSelectorRequirement("kubernetes.io/hostname", "In", List.of(node))),
                    List.of()))
            .endRequired()
            .endNodeAffinity()
            .endSpec()
            .withNewStatus()
            .withPhase("Available")
            .endStatus()
            .build();
    volumes.put(name, v);
    return v;
  }

  private static Pod podWith(String name, String... claimNames) {
    var b = pod(name, null, null).editSpec();
    for (String c : claimNames) {
      b.addNewVolume().withName(c).withNewPersistentVolumeClaim(c, false).endVolume();
    }
    return b.endSpec().build();
  }

  private static NodeInfo nodeInfo(String name, boolean localPath) {
    var b = node(name, "4", "8Gi").editMetadata().addToLabels("kubernetes.io/hostname", name);
    if (localPath) {
      b.addToAnnotations("nauta.io/local-path-dir", "/var/lib/nauta/storage");
    }
    Node n = b.endMetadata().build();
    return NodeInfo.of(n, List.of());
  }

  private Status preFilter(CycleState state, Pod pod) {
    return plugin.preFilter(state, pod, List.of());
  }

  @Test
  void podsWithoutClaimsAreSkipped() {
    CycleState state = new CycleState(listers);
    assertThat(preFilter(state, pod("p")).code()).isEqualTo(Status.Code.SKIP);
    assertThat(plugin.filter(state, pod("p"), nodeInfo("n1", false)).isSuccess()).isTrue();
  }

  @Test
  void aMissingClaimKeepsThePodPendingWithItsName() {
    Status s = preFilter(new CycleState(listers), podWith("p", "data"));
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.message()).isEqualTo("persistentvolumeclaim \"data\" not found");
  }

  @Test
  void anUnboundImmediateClaimKeepsThePodPending() {
    storageClass("fast", "Immediate", "nauta.io/local-path");
    claim("data", "fast", "1Gi");
    Status s = preFilter(new CycleState(listers), podWith("p", "data"));
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.message()).isEqualTo("pod has unbound immediate PersistentVolumeClaims");
  }

  @Test
  void aClaimOfAMissingClassSaysSo() {
    claim("data", "nope", "1Gi");
    assertThat(preFilter(new CycleState(listers), podWith("p", "data")).message())
        .isEqualTo("storageclass.storage.k8s.io \"nope\" not found");
  }

  @Test
  void aBoundVolumeAdmitsOnlyItsNode() {
    volume("pv1", "local", "1Gi", "n2");
    claims.put("default/data", bound(claim("data", "local", "1Gi"), "pv1"));
    CycleState state = new CycleState(listers);
    Pod pod = podWith("p", "data");
    assertThat(preFilter(state, pod).isSuccess()).isTrue();
    Status n1 = plugin.filter(state, pod, nodeInfo("n1", true));
    assertThat(n1.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(n1.message()).isEqualTo("node(s) had volume node affinity conflict");
    assertThat(plugin.filter(state, pod, nodeInfo("n2", true)).isSuccess()).isTrue();
  }

  @Test
  void waitForFirstConsumerBindsTheSmallestFreeVolumeOnTheChosenNode() {
    storageClass("local", "WaitForFirstConsumer", "kubernetes.io/no-provisioner");
    volume("big-n1", "local", "10Gi", "n1");
    volume("small-n1", "local", "2Gi", "n1");
    volume("tiny-n1", "local", "500Mi", "n1");
    volume("small-n2", "local", "2Gi", "n2");
    claim("data", "local", "1Gi");
    CycleState state = new CycleState(listers);
    Pod pod = podWith("p", "data");
    assertThat(preFilter(state, pod).isSuccess()).isTrue();
    assertThat(plugin.filter(state, pod, nodeInfo("n1", false)).isSuccess()).isTrue();
    assertThat(plugin.filter(state, pod, nodeInfo("n3", false)).message())
        .isEqualTo("node(s) didn't find available persistent volumes to bind");
    assertThat(plugin.reserve(state, pod, "n1").isSuccess()).isTrue();
    assertThat(plugin.preBind(state, pod, "n1").isSuccess()).isTrue();
    assertThat(writes).containsExactly("bind small-n1 data");
  }

  @Test
  void aVolumeReservedForOnePodIsNotOfferedToTheNext() {
    storageClass("local", "WaitForFirstConsumer", "kubernetes.io/no-provisioner");
    volume("only", "local", "1Gi", "n1");
    claim("a", "local", "1Gi");
    claim("b", "local", "1Gi");
    CycleState first = new CycleState(listers);
    Pod podA = podWith("pa", "a");
    preFilter(first, podA);
    assertThat(plugin.filter(first, podA, nodeInfo("n1", false)).isSuccess()).isTrue();
    assertThat(plugin.reserve(first, podA, "n1").isSuccess()).isTrue();

    CycleState second = new CycleState(listers);
    Pod podB = podWith("pb", "b");
    preFilter(second, podB);
    assertThat(plugin.filter(second, podB, nodeInfo("n1", false)).isSuccess()).isFalse();

    plugin.unreserve(first, podA, "n1"); // pod A given up: the volume is free again
    CycleState third = new CycleState(listers);
    preFilter(third, podB);
    assertThat(plugin.filter(third, podB, nodeInfo("n1", false)).isSuccess()).isTrue();
  }

  @Test
  void localPathClaimsAreProvisionedOnlyOnNodesThatKeepLocalPathVolumes() {
    storageClass("local-path", "WaitForFirstConsumer", "nauta.io/local-path");
    claim("data", "local-path", "1Gi");
    CycleState state = new CycleState(listers);
    Pod pod = podWith("p", "data");
    assertThat(preFilter(state, pod).isSuccess()).isTrue();
    assertThat(plugin.filter(state, pod, nodeInfo("simulated", false)).message())
        .isEqualTo("node(s) didn't find available persistent volumes to bind");
    assertThat(plugin.filter(state, pod, nodeInfo("real", true)).isSuccess()).isTrue();
    assertThat(plugin.reserve(state, pod, "real").isSuccess()).isTrue();
    assertThat(plugin.preBind(state, pod, "real").isSuccess()).isTrue();
    assertThat(writes).containsExactly("select data real");
  }

  @Test
  void preBindGivesUpWhenTheClaimIsNotBoundInTime() {
    storageClass("local-path", "WaitForFirstConsumer", "nauta.io/local-path");
    claim("data", "local-path", "1Gi");
    VolumeBinding slow =
        new VolumeBinding(
            new VolumeBinding.Writes() {
              @Override
              public void bindVolume(PersistentVolume volume, PersistentVolumeClaim claim) {}

              @Override
              public void selectNode(PersistentVolumeClaim claim, String node) {}
            },
            Clock.systemUTC(),
            Duration.ofMillis(300));
    CycleState state = new CycleState(listers);
    Pod pod = podWith("p", "data");
    slow.preFilter(state, pod, List.of());
    assertThat(slow.filter(state, pod, nodeInfo("real", true)).isSuccess()).isTrue();
    Status s = slow.preBind(state, pod, "real");
    assertThat(s.code()).isEqualTo(Status.Code.ERROR);
    assertThat(s.message()).contains("binding volumes");
  }
}
