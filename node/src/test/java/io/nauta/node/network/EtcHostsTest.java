package io.nauta.node.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcHostsTest {
  private static PodBuilder pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-0")
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .endSpec();
  }

  @Test
  void namesThePodByItsNameAtItsAddress() {
    String hosts = EtcHosts.of(pod().build(), List.of("10.42.1.5"), "cluster.local");
    assertThat(hosts)
        .startsWith("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n")
        .contains("::1\tlocalhost ip6-localhost ip6-loopback\n")
        .endsWith("10.42.1.5\tweb-0\n");
  }

  @Test
  void aSubdomainGivesTheFullyQualifiedName() {
    String hosts =
        EtcHosts.of(
            pod().editSpec().withHostname("db").withSubdomain("dbs").endSpec().build(),
            List.of("10.42.1.5"),
            "cluster.local");
    assertThat(hosts).contains("10.42.1.5\tdb.dbs.shop.svc.cluster.local\tdb\n");
  }

  @Test
  void hostAliasesComeLast() {
    String hosts =
        EtcHosts.of(
            pod()
                .editSpec()
                .addNewHostAlias()
                .withIp("192.0.2.7")
                .withHostnames("foo.local", "bar.local")
                .endHostAlias()
                .endSpec()
                .build(),
            List.of("10.42.1.5"),
            "cluster.local");
    assertThat(hosts)
        .endsWith("\n# Entries added by HostAliases.\n192.0.2.7\tfoo.local\tbar.local\n");
  }

  @Test
  void hostNetworkPodsKeepTheNodesFile() {
    assertThat(EtcHosts.managed(pod().build())).isTrue();
    assertThat(EtcHosts.managed(pod().editSpec().withHostNetwork(true).endSpec().build()))
        .isFalse();
  }
}
