package io.nauta.node.proxy;

import static io.nauta.node.proxy.ProxyRules.NO_ENDPOINT_NODEPORTS;
import static io.nauta.node.proxy.ProxyRules.NO_ENDPOINT_SERVICES;
import static io.nauta.node.proxy.ProxyRules.SERVICE_IPS;
import static io.nauta.node.proxy.ProxyRules.SERVICE_NODEPORTS;
import static io.nauta.node.proxy.RulesetReader.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.nauta.node.proxy.Fixtures.Ep;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyRulesTest {
  private static final String CIP = "10.43.0.50 . tcp . 80";
  private static final String NP = "tcp . 30080";

  private static RulesetReader rules(List<Service> services, List<EndpointSlice> slices) {
    return new RulesetReader(
        new ProxyRules("node-a", "10.42.0.0/16")
            .build(ServicePorts.of(services), EndpointsMap.of(slices)));
  }

  @Test
  void clusterIpSpreadsOverReadyEndpointsOnly() {
    var r =
        rules(
            List.of(Fixtures.service("web", "10.43.0.50").build()),
            List.of(
                Fixtures.slice(
                    "web-1",
                    "web",
                    List.of(
                        Ep.ready("10.42.1.11", "node-a"),
                        Ep.notReady("10.42.2.12", "node-b"),
                        Ep.ready("10.42.2.13", "node-b")))));
    String svc = target(r.verdict(SERVICE_IPS, CIP));
    assertThat(r.backends(svc)).containsExactly("10.42.1.11:8080", "10.42.2.13:8080");
    assertThat(r.verdict(NO_ENDPOINT_SERVICES, CIP)).isNull();
  }

  @Test
  void clientsOutsideTheClusterCidrAreMasqueraded() {
    var r =
        rules(
            List.of(Fixtures.service("web", "10.43.0.50").build()),
            List.of(Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.1.11", "node-a")))));
    String svc = target(r.verdict(SERVICE_IPS, CIP));
    assertThat(r.rules(svc)).contains("ip saddr != 10.42.0.0/16 jump mark-for-masquerade");
    assertThat(r.marksAll(svc)).isFalse();
  }

  @Test
  void hairpinTrafficIsMasqueraded() {
    var r =
        rules(
            List.of(Fixtures.service("web", "10.43.0.50").build()),
            List.of(Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.1.11", "node-a")))));
    String svc = target(r.verdict(SERVICE_IPS, CIP));
    String endpoint = r.rules(svc).getLast().replaceAll(".*goto (\\S+) }$", "$1");
    assertThat(r.rules(endpoint))
        .containsExactly(
            "ip saddr 10.42.1.11 jump mark-for-masquerade",
            "meta l4proto tcp dnat to 10.42.1.11:8080");
  }

  @Test
  void servingTerminatingEndpointsServeWhenNoneIsReady() {
    var r =
        rules(
            List.of(Fixtures.service("web", "10.43.0.50").build()),
            List.of(
                Fixtures.slice(
                    "web-1",
                    "web",
                    List.of(
                        Ep.terminating("10.42.1.11", "node-a"),
                        Ep.notReady("10.42.1.12", "node-a")))));
    assertThat(r.backends(target(r.verdict(SERVICE_IPS, CIP)))).containsExactly("10.42.1.11:8080");
  }

  @Test
  void terminatingEndpointsGetNothingWhileOneIsReady() {
    var r =
        rules(
            List.of(Fixtures.service("web", "10.43.0.50").build()),
            List.of(
                Fixtures.slice(
                    "web-1",
                    "web",
                    List.of(
                        Ep.terminating("10.42.1.11", "node-a"),
                        Ep.ready("10.42.1.12", "node-a")))));
    assertThat(r.backends(target(r.verdict(SERVICE_IPS, CIP)))).containsExactly("10.42.1.12:8080");
  }

  @Test
  void serviceWithoutEndpointsRejectsInsteadOfBlackholing() {
    var r =
        rules(
            List.of(Fixtures.nodePort("web", "10.43.0.50", 30080)),
            List.of(Fixtures.slice("web-1", "web", List.of(Ep.notReady("10.42.1.11", "node-a")))));
    assertThat(r.verdict(SERVICE_IPS, CIP)).isNull();
    assertThat(r.verdict(SERVICE_NODEPORTS, NP)).isNull();
    assertThat(r.verdict(NO_ENDPOINT_SERVICES, CIP)).isEqualTo("goto reject-chain");
    assertThat(r.verdict(NO_ENDPOINT_NODEPORTS, NP)).isEqualTo("goto reject-chain");
    assertThat(r.rules("reject-chain")).contains("reject");
    // checked before NAT, for connections from pods (forward), the node (output) and to it (input)
    for (String hook : List.of("filter-input", "filter-forward", "filter-output")) {
      assertThat(r.rules(hook)).containsExactly("ct state new jump service-endpoints-check");
    }
  }

  @Test
  void nodePortReachesAllEndpointsMasqueraded() {
    var r =
        rules(
            List.of(Fixtures.nodePort("web", "10.43.0.50", 30080)),
            List.of(
                Fixtures.slice(
                    "web-1",
                    "web",
                    List.of(Ep.ready("10.42.1.11", "node-a"), Ep.ready("10.42.2.11", "node-b")))));
    String ext = target(r.verdict(SERVICE_NODEPORTS, NP));
    assertThat(r.marksAll(ext)).isTrue();
    assertThat(r.backends(ext)).containsExactly("10.42.1.11:8080", "10.42.2.11:8080");
    // node ports answer on every local address but loopback
    assertThat(r.rules("services"))
        .contains(
            "fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap"
                + " @service-nodeports");
  }

  @Test
  void loadBalancerIngressAndExternalIpsLeadWhereTheNodePortDoes() {
    Service s = Fixtures.nodePort("web", "10.43.0.50", 30080);
    s.getSpec().setType("LoadBalancer");
    s.getSpec().setExternalIPs(List.of("198.51.100.7"));
    s.setStatus(
        new io.fabric8.kubernetes.api.model.ServiceStatusBuilder()
            .withNewLoadBalancer()
            .addNewIngress()
            .withIp("192.0.2.11")
            .endIngress()
            .endLoadBalancer()
            .build());
    var r =
        rules(
            List.of(s),
            List.of(Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.1.11", "node-a")))));
    String ext = target(r.verdict(SERVICE_NODEPORTS, NP));
    assertThat(target(r.verdict(SERVICE_IPS, "192.0.2.11 . tcp . 80"))).isEqualTo(ext);
    assertThat(target(r.verdict(SERVICE_IPS, "198.51.100.7 . tcp . 80"))).isEqualTo(ext);
    assertThat(r.backends(ext)).containsExactly("10.42.1.11:8080");
    assertThat(r.marksAll(ext)).isTrue();
  }

  @Test
  void externalAddressesWithoutEndpointsReject() {
    Service s = Fixtures.service("web", "10.43.0.50").build();
    s.getSpec().setExternalIPs(List.of("198.51.100.7"));
    var r = rules(List.of(s), List.of());
    assertThat(r.verdict(NO_ENDPOINT_SERVICES, "198.51.100.7 . tcp . 80"))
        .isEqualTo("goto reject-chain");
    assertThat(r.verdict(SERVICE_IPS, "198.51.100.7 . tcp . 80")).isNull();
  }

  @Test
  void externalTrafficPolicyLocalKeepsTheClientAddressAndUsesLocalEndpoints() {
    Service s = Fixtures.nodePort("web", "10.43.0.50", 30080);
    s.getSpec().setExternalTrafficPolicy("Local");
    var r =
        rules(
            List.of(s),
            List.of(
                Fixtures.slice(
                    "web-1",
                    "web",
                    List.of(Ep.ready("10.42.1.11", "node-a"), Ep.ready("10.42.2.11", "node-b")))));
    String ext = target(r.verdict(SERVICE_NODEPORTS, NP));
    assertThat(r.marksAll(ext)).isFalse();
    assertThat(r.backends(ext)).containsExactly("10.42.1.11:8080");
    // pods and the node itself still reach every endpoint through the cluster chain
    String svc = target(r.verdict(SERVICE_IPS, CIP));
    assertThat(r.rules(ext)).contains("ip saddr 10.42.0.0/16 goto " + svc);
    assertThat(r.backends(svc)).hasSize(2);
  }

  @Test
  void externalTrafficPolicyLocalWithoutLocalEndpointsDropsOutsideTraffic() {
    Service s = Fixtures.nodePort("web", "10.43.0.50", 30080);
    s.getSpec().setExternalTrafficPolicy("Local");
    var r =
        rules(
            List.of(s),
            List.of(Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.2.11", "node-b")))));
    String ext = target(r.verdict(SERVICE_NODEPORTS, NP));
    assertThat(r.rules(ext).getLast()).isEqualTo("drop");
  }

  @Test
  void internalTrafficPolicyLocalSendsClusterIpTrafficToLocalEndpoints() {
    Service s = Fixtures.service("web", "10.43.0.50").build();
    s.getSpec().setInternalTrafficPolicy("Local");
    var r =
        rules(
            List.of(s),
            List.of(
                Fixtures.slice(
                    "web-1",
                    "web",
                    List.of(Ep.ready("10.42.1.11", "node-a"), Ep.ready("10.42.2.11", "node-b")))));
    assertThat(r.backends(target(r.verdict(SERVICE_IPS, CIP)))).containsExactly("10.42.1.11:8080");
  }

  @Test
  void internalTrafficPolicyLocalWithOnlyRemoteEndpointsDrops() {
    Service s = Fixtures.nodePort("web", "10.43.0.50", 30080);
    s.getSpec().setInternalTrafficPolicy("Local");
    var r =
        rules(
            List.of(s),
            List.of(Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.2.11", "node-b")))));
    assertThat(r.verdict(NO_ENDPOINT_SERVICES, CIP)).isEqualTo("drop");
    // external traffic is not internal: the node port still reaches the remote endpoint
    assertThat(r.backends(target(r.verdict(SERVICE_NODEPORTS, NP))))
        .containsExactly("10.42.2.11:8080");
  }

  @Test
  void clientIpAffinityRemembersEachClientsEndpoint() {
    Service s = Fixtures.service("web", "10.43.0.50").build();
    s.getSpec().setSessionAffinity("ClientIP");
    s.getSpec()
        .setSessionAffinityConfig(
            new io.fabric8.kubernetes.api.model.SessionAffinityConfigBuilder()
                .withNewClientIP()
                .withTimeoutSeconds(60)
                .endClientIP()
                .build());
    Ruleset built =
        new ProxyRules("node-a", "10.42.0.0/16")
            .build(
                ServicePorts.of(List.of(s)),
                EndpointsMap.of(
                    List.of(
                        Fixtures.slice(
                            "web-1",
                            "web",
                            List.of(
                                Ep.ready("10.42.1.11", "node-a"),
                                Ep.ready("10.42.1.12", "node-a"))))));
    var r = new RulesetReader(built);
    String svc = target(r.verdict(SERVICE_IPS, CIP));
    assertThat(built.sets()).hasSize(2);
    List<String> svcRules = r.rules(svc);
    for (var set : built.sets().values()) {
      assertThat(set.spec()).contains("timeout 60s").contains("flags dynamic,timeout");
      String endpoint = "ep-" + set.name().substring("aff-".length());
      // a known client goes back to its endpoint before the random choice
      int known = svcRules.indexOf("ip saddr @" + set.name() + " goto " + endpoint);
      assertThat(known).isBetween(0, svcRules.size() - 2);
      assertThat(r.rules(endpoint)).contains("update @" + set.name() + " { ip saddr }");
    }
    assertThat(svcRules.getLast()).startsWith("numgen random mod 2");
  }

  @Test
  void eachProtocolAndPortIsItsOwnEntry() {
    Service s = Fixtures.service("dns", "10.43.0.10").build();
    s.getSpec()
        .setPorts(
            List.of(
                new io.fabric8.kubernetes.api.model.ServicePortBuilder()
                    .withName("dns")
                    .withProtocol("UDP")
                    .withPort(53)
                    .build(),
                new io.fabric8.kubernetes.api.model.ServicePortBuilder()
                    .withName("dns-tcp")
                    .withProtocol("TCP")
                    .withPort(53)
                    .build()));
    var r =
        rules(
            List.of(s),
            List.of(
                Fixtures.slice(
                    "dns-1", "dns", "dns", "UDP", 5353, List.of(Ep.ready("10.42.1.5", "x"))),
                Fixtures.slice(
                    "dns-2", "dns", "dns-tcp", "TCP", 5354, List.of(Ep.ready("10.42.1.5", "x")))));
    String udp = target(r.verdict(SERVICE_IPS, "10.43.0.10 . udp . 53"));
    assertThat(r.backends(udp)).containsExactly("10.42.1.5:5353");
    assertThat(r.rules(r.rules(udp).getLast().replaceAll(".*goto (\\S+) }$", "$1")))
        .contains("meta l4proto udp dnat to 10.42.1.5:5353");
    assertThat(r.backends(target(r.verdict(SERVICE_IPS, "10.43.0.10 . tcp . 53"))))
        .containsExactly("10.42.1.5:5354");
  }

  @Test
  void sameInputGivesTheSameRuleset() {
    var services = List.of(Fixtures.nodePort("web", "10.43.0.50", 30080));
    var slices =
        List.of(
            Fixtures.slice(
                "web-1", "web", List.of(Ep.ready("10.42.2.11", "b"), Ep.ready("10.42.1.11", "a"))));
    var rules = new ProxyRules("a", "10.42.0.0/16");
    assertThat(rules.build(ServicePorts.of(services), EndpointsMap.of(slices)))
        .isEqualTo(rules.build(ServicePorts.of(services), EndpointsMap.of(slices.reversed())));
  }

  @Test
  void reusingTheLastBuildGivesWhatAFreshBuildGives() {
    var services =
        List.of(
            Fixtures.nodePort("web", "10.43.0.50", 30080),
            Fixtures.service("other", "10.43.0.51").build());
    var before =
        List.of(
            Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.1.11", "a"))),
            Fixtures.slice("other-1", "other", List.of(Ep.ready("10.42.1.12", "a"))));
    var after =
        List.of(
            Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.1.13", "a"))),
            Fixtures.slice("other-1", "other", List.of(Ep.ready("10.42.1.12", "a"))));
    var reused = new ProxyRules("a", "10.42.0.0/16");
    Ruleset first = reused.build(ServicePorts.of(services), EndpointsMap.of(before));
    Ruleset second = reused.build(ServicePorts.of(services), EndpointsMap.of(after));
    assertThat(second)
        .isEqualTo(
            new ProxyRules("a", "10.42.0.0/16")
                .build(ServicePorts.of(services), EndpointsMap.of(after)));
    // the unchanged service's chain is the very same object: comparing rulesets stays cheap
    String other = "svc-" + RuleNames.hash("default/other/tcp/http") + "-default/other/tcp/http";
    assertThat(second.chains().get(other)).isSameAs(first.chains().get(other));
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void aDuplicateServicePortIsIgnoredNotFatal() {
    var port = ServicePort.clusterIp("default", "web", "http", "TCP", 80, "10.43.0.50");
    var r =
        new RulesetReader(
            new ProxyRules("a", "10.42.0.0/16")
                .build(
                    List.of(port, port),
                    java.util.Map.of(port.key(), List.of(Endpoint.ready("10.42.1.5", 8080, "a")))));
    assertThat(r.backends(target(r.verdict(SERVICE_IPS, CIP)))).containsExactly("10.42.1.5:8080");
  }
}
