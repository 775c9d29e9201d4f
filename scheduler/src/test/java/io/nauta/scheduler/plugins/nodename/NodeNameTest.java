package io.nauta.scheduler.plugins.nodename;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeNameTest {
  @Test
  void aPodThatNamesItsNodeFitsOnlyThere() {
    var pinned = pod("p", null, null).editSpec().withNodeName("n2").endSpec().build();
    NodeInfo n1 = NodeInfo.of(node("n1", "1", "1Gi").build(), List.of());
    NodeInfo n2 = NodeInfo.of(node("n2", "1", "1Gi").build(), List.of());
    assertThat(new NodeName().filter(new CycleState(), pinned, n1).reasons())
        .containsExactly(NodeName.REASON);
    assertThat(new NodeName().filter(new CycleState(), pinned, n2).isSuccess()).isTrue();
    assertThat(new NodeName().filter(new CycleState(), pod("free"), n1).isSuccess()).isTrue();
  }
}
