package io.nauta.scheduler.plugins.nodevolumelimits;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriverBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.nauta.scheduler.Profiles;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.Listers;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeVolumeLimitsTest {
  private static final String LOCAL_PATH = "local-path.nauta.io";
  private static final String EBS = "ebs.csi.aws.com";

  private final Map<String, PersistentVolumeClaim> claims = new HashMap<>();
  private final Map<String, PersistentVolume> volumes = new HashMap<>();
  private final Map<String, StorageClass> classes = new HashMap<>();
  private final Map<String, CSINode> csiNodes = new HashMap<>();

  private final Listers listers =
      new Listers() {
        @Override
        public List<PodDisruptionBudget> podDisruptionBudgets(String namespace) {
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
        public StorageClass storageClass(String name) {
          return classes.get(name);
        }

        @Override
        public CSINode csiNode(String name) {
          return csiNodes.get(name);
        }
      };

  private final NodeVolumeLimits plugin = new NodeVolumeLimits();

  NodeVolumeLimitsTest() {
    storageClass("local-path", "nauta.io/local-path");
    storageClass("ebs", EBS);
  }

  private void storageClass(String name, String provisioner) {
    classes.put(
        name,
        new StorageClassBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withProvisioner(provisioner)
            .build());
  }

  /** An unbound claim of {@code className}. */
  private void claim(String name, String className) {
    claims.put(
        "default/" + name,
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .endMetadata()
            .withNewSpec()
            .withStorageClassName(className)
            .endSpec()
            .build());
  }

  /** A claim bound to a volume made by {@code provisioner}, or of CSI driver {@code csiDriver}. */
  private void boundClaim(String name, String provisioner, String csiDriver) {
    claims.put(
        "default/" + name,
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .endMetadata()
            .withNewSpec()
            .withStorageClassName("whatever")
            .withVolumeName("pv-" + name)
            .endSpec()
            .build());
    var pv = new PersistentVolumeBuilder().withNewMetadata().withName("pv-" + name);
    if (provisioner != null) {
      pv.addToAnnotations("pv.kubernetes.io/provisioned-by", provisioner);
    }
    var spec = pv.endMetadata().withNewSpec();
    if (csiDriver != null) {
      spec.withNewCsi().withDriver(csiDriver).withVolumeHandle("h-" + name).endCsi();
    } else {
      spec.withNewHostPath().withPath("/x/" + name).endHostPath();
    }
    volumes.put("pv-" + name, spec.endSpec().build());
  }

  private void limit(String nodeName, String driver, Integer count) {
    var d = new CSINodeDriverBuilder().withName(driver).withNodeID(nodeName);
    if (count != null) {
      d.withNewAllocatable().withCount(count).endAllocatable();
    }
    csiNodes.put(
        nodeName,
        new CSINodeBuilder()
            .withNewMetadata()
            .withName(nodeName)
            .endMetadata()
            .withNewSpec()
            .addToDrivers(d.build())
            .endSpec()
            .build());
  }

  private static Pod podWith(String name, String... claimNames) {
    var b = pod(name, null, null).editSpec();
    for (String c : claimNames) {
      b.addNewVolume().withName(c).withNewPersistentVolumeClaim(c, false).endVolume();
    }
    return b.endSpec().build();
  }

  private static NodeInfo nodeWith(Pod... pods) {
    return NodeInfo.of(node("n1", "4", "8Gi").build(), List.of(pods));
  }

  private Status filter(Pod pod, NodeInfo node) {
    CycleState state = new CycleState(listers);
    Status pre = plugin.preFilter(state, pod, List.of(node));
    if (pre.code() == Status.Code.SKIP) {
      return pre;
    }
    return plugin.filter(state, pod, node);
  }

  @Test
  void skipsPodsWithoutClaims() {
    assertThat(filter(pod("p"), nodeWith()).code()).isEqualTo(Status.Code.SKIP);
  }

  @Test
  void aNodeAtItsLimitTakesNoPodWithAnotherClaimOfThatDriver() {
    limit("n1", LOCAL_PATH, 1);
    claim("a", "local-path");
    claim("b", "local-path");
    Status s = filter(podWith("second", "b"), nodeWith(podWith("first", "a")));
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(s.message()).isEqualTo("node(s) exceed max volume count");
    assertThat(s.plugin()).isEqualTo("NodeVolumeLimits");
    // the first pod alone fits
    assertThat(filter(podWith("first", "a"), nodeWith()).isSuccess()).isTrue();
  }

  @Test
  void aClaimAlreadyInUseOnTheNodeCountsOnce() {
    limit("n1", LOCAL_PATH, 1);
    claim("a", "local-path");
    assertThat(filter(podWith("second", "a"), nodeWith(podWith("first", "a"))).isSuccess())
        .isTrue();
  }

  @Test
  void countsThePodsNewClaimsTogether() {
    limit("n1", LOCAL_PATH, 2);
    claim("a", "local-path");
    claim("b", "local-path");
    claim("c", "local-path");
    NodeInfo node = nodeWith(podWith("first", "a"));
    assertThat(filter(podWith("p", "a", "b"), node).isSuccess()).isTrue();
    assertThat(filter(podWith("p", "b", "c"), node).code()).isEqualTo(Status.Code.UNSCHEDULABLE);
  }

  @Test
  void noCSINodeOrNoCountOrAnotherDriverMeansNoLimit() {
    claim("a", "local-path");
    claim("b", "local-path");
    NodeInfo node = nodeWith(podWith("first", "a"));
    assertThat(filter(podWith("p", "b"), node).isSuccess()).isTrue();
    limit("n1", LOCAL_PATH, null);
    assertThat(filter(podWith("p", "b"), node).isSuccess()).isTrue();
    limit("n1", EBS, 0);
    assertThat(filter(podWith("p", "b"), node).isSuccess()).isTrue();
  }

  @Test
  void aBoundClaimCountsUnderItsVolumesDriver() {
    limit("n1", EBS, 1);
    boundClaim("csi", null, EBS);
    claim("new", "ebs");
    assertThat(filter(podWith("p", "new"), nodeWith(podWith("first", "csi"))).code())
        .isEqualTo(Status.Code.UNSCHEDULABLE);
    // a local-path volume (no CSI source) counts under the local-path driver, not this one
    boundClaim("lp", "nauta.io/local-path", null);
    assertThat(filter(podWith("p", "new"), nodeWith(podWith("first", "lp"))).isSuccess()).isTrue();
    limit("n1", LOCAL_PATH, 1);
    claim("lp2", "local-path");
    assertThat(filter(podWith("p", "lp2"), nodeWith(podWith("first", "lp"))).code())
        .isEqualTo(Status.Code.UNSCHEDULABLE);
  }

  @Test
  void missingClaimsAndClassesAreNotCounted() {
    limit("n1", LOCAL_PATH, 0);
    claim("nowhere", "no-such-class");
    assertThat(filter(podWith("p", "missing", "nowhere"), nodeWith()).isSuccess()).isTrue();
  }

  @Test
  void runsAfterNodeResourcesFitAndBeforeVolumeBinding() {
    List<String> names = Profiles.PLUGIN_NAMES;
    assertThat(names.indexOf("NodeVolumeLimits"))
        .isEqualTo(names.indexOf("NodeResourcesFit") + 1)
        .isEqualTo(names.indexOf("VolumeBinding") - 1);
  }
}
