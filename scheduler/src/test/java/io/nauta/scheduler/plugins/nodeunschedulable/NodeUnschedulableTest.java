package io.nauta.scheduler.plugins.nodeunschedulable;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Toleration;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeUnschedulableTest {
  private final NodeInfo cordoned =
      NodeInfo.of(
          node("n", "1", "1Gi").editSpec().withUnschedulable(true).endSpec().build(), List.of());

  @Test
  void cordonedNodesTakeNoNewPods() {
    assertThat(new NodeUnschedulable().filter(new CycleState(), pod("p"), cordoned).reasons())
        .containsExactly(NodeUnschedulable.REASON);
  }

  @Test
  void unlessThePodToleratesTheCordon() {
    var tolerant =
        pod("p", null, null)
            .editSpec()
            .withTolerations(
                new Toleration("NoSchedule", NodeUnschedulable.TAINT_KEY, "Exists", null, null))
            .endSpec()
            .build();
    assertThat(new NodeUnschedulable().filter(new CycleState(), tolerant, cordoned).isSuccess())
        .isTrue();
  }
}
