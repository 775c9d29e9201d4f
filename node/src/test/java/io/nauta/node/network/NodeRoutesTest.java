package io.nauta.node.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRoutesTest {
  private static Node node(String name, String cidr, String ip) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
    if (cidr != null) {
      b.withNewSpec().withPodCIDR(cidr).withPodCIDRs(cidr).endSpec();
    }
    if (ip != null) {
      b.withNewStatus()
          .addNewAddress()
          .withType("Hostname")
          .withAddress(name)
          .endAddress()
          .addNewAddress()
          .withType("InternalIP")
          .withAddress(ip)
          .endAddress()
          .endStatus();
    }
    return b.build();
  }

  @Test
  void routesEveryOtherNodesPodCidrViaItsInternalIp() {
    var routes =
        NodeRoutes.desired(
            List.of(
                node("a", "10.42.0.0/24", "192.0.2.1"),
                node("b", "10.42.1.0/24", "192.0.2.2"),
                node("c", "10.42.2.0/24", "192.0.2.3"),
                node("no-cidr", null, "192.0.2.4"),
                node("no-ip", "10.42.4.0/24", null)),
            "a");
    assertThat(routes)
        .containsExactly(
            java.util.Map.entry("10.42.1.0/24", "192.0.2.2"),
            java.util.Map.entry("10.42.2.0/24", "192.0.2.3"));
  }

  @Test
  void ipv6CidrsAreLeftOut() {
    Node dual =
        new NodeBuilder(node("b", "10.42.1.0/24", "192.0.2.2"))
            .editSpec()
            .withPodCIDRs("10.42.1.0/24", "fd00:42:1::/64")
            .endSpec()
            .build();
    assertThat(NodeRoutes.desired(List.of(dual), "a")).containsOnlyKeys("10.42.1.0/24");
  }

  @Test
  void masqueradeLeavesPodToPodTrafficAlone() {
    String script = PodMasquerade.script("nauta-pods-n1", "10.42.1.0/24", "10.42.0.0/16");
    assertThat(script)
        .startsWith("table ip nauta-pods-n1\ndelete table ip nauta-pods-n1\n")
        .contains(
            "ip saddr 10.42.1.0/24 ip daddr != 10.42.1.0/24 ip daddr != 10.42.0.0/16 masquerade");
    assertThat(PodMasquerade.table("node-1.example")).isEqualTo("nauta-pods-node_1_example");
  }

  @Test
  void oneRouteListingTellsOursFromOthers() {
    List<String> lines =
        List.of(
            "default via 192.0.2.1 dev eth0",
            "10.42.1.0/24 via 192.0.2.12 dev eth0 proto 78",
            "10.42.0.0/24 dev nauta0 proto kernel scope link src 10.42.0.1",
            "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.11");
    assertThat(NodeRoutes.ours(lines))
        .containsExactly(java.util.Map.entry("10.42.1.0/24", "192.0.2.12"));
    assertThat(NodeRoutes.foreign(lines))
        .containsExactlyInAnyOrder("default/32", "10.42.0.0/24", "192.0.2.0/24");
  }
}
