package io.nauta.node.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.nauta.cri.v1.DNSConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodDnsTest {
  private static final ResolvConf NODE =
      ResolvConf.parse(
          "# the node's\nnameserver 192.0.2.53\nnameserver 192.0.2.54\nsearch corp.example\n"
              + "options timeout:2 rotate\n");
  private static final PodDns DNS = new PodDns(List.of("10.43.0.10"), "cluster.local", NODE);

  private static PodBuilder pod(String policy) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p")
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .withDnsPolicy(policy)
        .endSpec();
  }

  @Test
  void clusterFirstAsksTheClusterDnsWithTheNamespaceSearchPath() {
    DNSConfig c = DNS.of(pod(null).build());
    assertThat(c.getServersList()).containsExactly("10.43.0.10");
    assertThat(c.getSearchesList())
        .containsExactly(
            "shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example");
    assertThat(c.getOptionsList()).containsExactly("ndots:5");
    assertThat(DNS.of(pod("ClusterFirst").build())).isEqualTo(c);
  }

  @Test
  void defaultUsesTheNodesResolvConf() {
    DNSConfig c = DNS.of(pod("Default").build());
    assertThat(c.getServersList()).containsExactly("192.0.2.53", "192.0.2.54");
    assertThat(c.getSearchesList()).containsExactly("corp.example");
    assertThat(c.getOptionsList()).containsExactly("timeout:2", "rotate");
  }

  @Test
  void hostNetworkPodsUseTheNodeUnlessClusterFirstWithHostNet() {
    Pod host = pod("ClusterFirst").editSpec().withHostNetwork(true).endSpec().build();
    assertThat(DNS.of(host).getServersList()).containsExactly("192.0.2.53", "192.0.2.54");
    Pod withHostNet =
        pod("ClusterFirstWithHostNet").editSpec().withHostNetwork(true).endSpec().build();
    assertThat(DNS.of(withHostNet).getServersList()).containsExactly("10.43.0.10");
  }

  @Test
  void noneTakesOnlyDnsConfigAndOptionsOverrideByName() {
    Pod none =
        pod("None")
            .editSpec()
            .withNewDnsConfig()
            .withNameservers("1.1.1.1")
            .withSearches("a.example")
            .addNewOption("ndots", "2")
            .addNewOption("edns0", null)
            .endDnsConfig()
            .endSpec()
            .build();
    DNSConfig c = DNS.of(none);
    assertThat(c.getServersList()).containsExactly("1.1.1.1");
    assertThat(c.getSearchesList()).containsExactly("a.example");
    assertThat(c.getOptionsList()).containsExactly("ndots:2", "edns0");
    Pod tuned =
        pod("ClusterFirst")
            .editSpec()
            .withNewDnsConfig()
            .addNewOption("ndots", "1")
            .endDnsConfig()
            .endSpec()
            .build();
    assertThat(DNS.of(tuned).getOptionsList()).containsExactly("ndots:1");
  }

  @Test
  void atMostThreeNameServersWithoutRepeats() {
    Pod many =
        pod("ClusterFirst")
            .editSpec()
            .withNewDnsConfig()
            .withNameservers("10.43.0.10", "1.1.1.1", "8.8.8.8", "9.9.9.9")
            .endDnsConfig()
            .endSpec()
            .build();
    assertThat(DNS.of(many).getServersList()).containsExactly("10.43.0.10", "1.1.1.1", "8.8.8.8");
  }

  @Test
  void withoutAClusterDnsClusterFirstFallsBackToTheNode() {
    PodDns none = new PodDns(List.of(), "cluster.local", NODE);
    assertThat(none.of(pod(null).build()).getServersList())
        .containsExactly("192.0.2.53", "192.0.2.54");
  }

  @Test
  void resolvConfKeepsTheLastSearchLine() {
    ResolvConf r = ResolvConf.parse("search a b\ndomain c\n; comment\nnameserver 1.2.3.4\n");
    assertThat(r.searches()).containsExactly("c");
    assertThat(r.servers()).containsExactly("1.2.3.4");
  }
}
