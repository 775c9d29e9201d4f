package io.nauta.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriver;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriverBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CSINodeRegistrationTest {
  private static final Node NODE =
      new NodeBuilder().withNewMetadata().withName("node-a").withUid("uid-a").endMetadata().build();

  private static Integer count(CSINodeDriver d) {
    return d.getAllocatable() == null ? null : d.getAllocatable().getCount();
  }

  @Test
  void registersTheLocalPathDriverOwnedByTheNodeWithItsLimit() {
    CSINode n = CSINodeRegistration.fresh(NODE, 3);
    assertThat(n.getMetadata().getName()).isEqualTo("node-a");
    assertThat(n.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getApiVersion()).isEqualTo("v1");
              assertThat(r.getKind()).isEqualTo("Node");
              assertThat(r.getName()).isEqualTo("node-a");
              assertThat(r.getUid()).isEqualTo("uid-a");
            });
    CSINodeDriver d = n.getSpec().getDrivers().get(0);
    assertThat(n.getSpec().getDrivers()).hasSize(1);
    assertThat(d.getName()).isEqualTo("local-path.nauta.io");
    assertThat(d.getNodeID()).isEqualTo("node-a");
    assertThat(d.getTopologyKeys()).isNullOrEmpty();
    assertThat(count(d)).isEqualTo(3);
  }

  @Test
  void withoutALimitTheDriverHasNoAllocatable() {
    CSINodeDriver d = CSINodeRegistration.fresh(NODE, null).getSpec().getDrivers().get(0);
    assertThat(d.getAllocatable()).isNull();
  }

  @Test
  void aRestartWithTheSameLimitWritesNothing() {
    CSINode existing = new CSINodeBuilder(CSINodeRegistration.fresh(NODE, 2)).build();
    assertThat(CSINodeRegistration.updates(existing, NODE, 2)).isEmpty();
  }

  @Test
  void anotherLimitRemovesTheEntryThenAddsItAnewKeepingOtherDrivers() {
    CSINodeDriver other =
        new CSINodeDriverBuilder().withName("ebs.csi.aws.com").withNodeID("i-1").build();
    CSINode existing =
        new CSINodeBuilder(CSINodeRegistration.fresh(NODE, 2))
            .editSpec()
            .addToDrivers(other)
            .endSpec()
            .build();
    List<CSINode> writes = CSINodeRegistration.updates(existing, NODE, 5);
    assertThat(writes).hasSize(2);
    assertThat(writes.get(0).getSpec().getDrivers()).containsExactly(other);
    assertThat(writes.get(1).getSpec().getDrivers()).hasSize(2).contains(other);
    assertThat(count(writes.get(1).getSpec().getDrivers().get(1))).isEqualTo(5);
  }

  @Test
  void aCSINodeMadeByHandGainsTheDriverAndTheNodeAsOwner() {
    CSINode byHand =
        new CSINodeBuilder()
            .withNewMetadata()
            .withName("node-a")
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .build();
    List<CSINode> writes = CSINodeRegistration.updates(byHand, NODE, null);
    assertThat(writes).singleElement();
    CSINode w = writes.get(0);
    assertThat(w.getSpec().getDrivers())
        .extracting(CSINodeDriver::getName)
        .containsExactly("local-path.nauta.io");
    assertThat(w.getMetadata().getOwnerReferences())
        .extracting(r -> r.getUid())
        .containsExactly("uid-a");
  }
}
