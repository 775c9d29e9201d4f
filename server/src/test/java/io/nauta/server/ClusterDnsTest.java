package io.nauta.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nauta.dns.ClusterDnsServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterDnsTest {
  private static DnsFlags parse(String... args) {
    DnsFlags flags = new DnsFlags();
    new CommandLine(flags).parseArgs(args);
    return flags;
  }

  private static final NetworkFlags.Cluster NETWORK = new NetworkFlags().resolve(flag -> null);

  private static NetworkFlags.Cluster network(String... args) {
    NetworkFlags flags = new NetworkFlags();
    new CommandLine(flags).parseArgs(args);
    return flags.resolve(flag -> null);
  }

  @Test
  void defaultsListenOnTheServersAddressAndForwardToTheMachinesResolvers() throws Exception {
    ClusterDnsServer.Config c =
        ClusterDns.config(parse(), flag -> null, "127.0.0.1", "node-1", NETWORK);
    assertThat(c.domain()).isEqualTo("cluster.local");
    assertThat(c.port()).isEqualTo(10053);
    assertThat(c.address().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(c.upstreams()).isNotEmpty();
    assertThat(c.upstreamTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.nodeName()).isEqualTo("node-1");
    assertThat(c.clusterIp()).isEqualTo("10.43.0.10");
  }

  @Test
  void neverListensOnTheWildcardAddress() throws Exception {
    for (String bind : new String[] {"0.0.0.0", "::", ""}) {
      ClusterDnsServer.Config c = ClusterDns.config(parse(), flag -> null, bind, null, NETWORK);
      assertThat(c.address().isAnyLocalAddress()).as(bind).isFalse();
    }
  }

  @Test
  void flagsWinOverTheConfigFile() throws Exception {
    Map<String, String> file =
        Map.of(
            "--dns-port", "5300",
            "--dns-upstream", "192.0.2.9",
            "--dns-upstream-timeout", "3s");
    ClusterDnsServer.Config fromFile =
        ClusterDns.config(
            parse(),
            file::get,
            "127.0.0.1",
            null,
            new NetworkFlags().resolve(Map.of("--cluster-domain", "file.local")::get));
    assertThat(fromFile.domain()).isEqualTo("file.local");
    assertThat(fromFile.port()).isEqualTo(5300);
    assertThat(fromFile.upstreams()).containsExactly(new InetSocketAddress("192.0.2.9", 53));
    assertThat(fromFile.upstreamTimeout()).isEqualTo(Duration.ofSeconds(3));

    ClusterDnsServer.Config flags =
        ClusterDns.config(
            parse(
                "--dns-port=0",
                "--dns-upstream=127.0.0.1:5353,[::1]:53",
                "--dns-upstream-timeout=500ms"),
            file::get,
            "127.0.0.1",
            null,
            network("--cluster-domain=corp.example", "--cluster-dns=10.96.0.10"));
    assertThat(flags.domain()).isEqualTo("corp.example");
    assertThat(flags.clusterIp()).isEqualTo("10.96.0.10");
    assertThat(flags.port()).isZero();
    assertThat(flags.upstreams())
        .extracting(a -> a.getAddress().getHostAddress() + "#" + a.getPort())
        .isEqualTo(List.of("127.0.0.1#5353", "0:0:0:0:0:0:0:1#53"));
    assertThat(flags.upstreamTimeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void rejectsUpstreamsThatAreNoAddress() {
    assertThatThrownBy(
            () ->
                ClusterDns.config(
                    parse("--dns-upstream=dns.example"), f -> null, "127.0.0.1", null, NETWORK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dns.example");
  }
}
