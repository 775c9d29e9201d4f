package io.nauta.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.nauta.node.proxy.Fixtures.Ep;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftScriptTest {
  private final NftScript script = new NftScript("nauta-proxy");
  private final ProxyRules proxyRules = new ProxyRules("a", "10.42.0.0/16");

  private Ruleset rules(List<Service> services, List<EndpointSlice> slices) {
    return proxyRules.build(ServicePorts.of(services), EndpointsMap.of(slices));
  }

  private static List<String> lines(String script) {
    return script.lines().toList();
  }

  private static EndpointSlice web(Ep... eps) {
    return Fixtures.slice("web-1", "web", List.of(eps));
  }

  @Test
  void replaceDropsAnyOldTableFirstAndCreatesBeforeUsing() {
    var r =
        rules(
            List.of(Fixtures.service("web", "10.43.0.50").build()),
            List.of(web(Ep.ready("10.42.1.5", "a"))));
    List<String> lines = lines(script.replace(r));
    assertThat(lines.subList(0, 3))
        .containsExactly(
            "add table ip nauta-proxy", "delete table ip nauta-proxy", "add table ip nauta-proxy");
    int lastChain = lastIndex(lines, "add chain ");
    int firstRule = firstIndex(lines, "add rule ");
    int firstElement = firstIndex(lines, "add element ");
    assertThat(lastChain).isLessThan(firstRule);
    assertThat(firstRule).isLessThan(firstElement);
    assertThat(lines.stream().filter(l -> l.startsWith("add rule ")).count())
        .isEqualTo(r.ruleCount());
  }

  @Test
  void noChangeNoStatement() {
    var services = List.of(Fixtures.nodePort("web", "10.43.0.50", 30080));
    var slices = List.of(web(Ep.ready("10.42.1.5", "a")));
    assertThat(script.update(rules(services, slices), rules(services, slices))).isEmpty();
  }

  @Test
  void anEndpointChangeTouchesOnlyItsService() {
    var services =
        List.of(
            Fixtures.service("web", "10.43.0.50").build(),
            Fixtures.service("other", "10.43.0.51").build());
    var other = Fixtures.slice("other-1", "other", List.of(Ep.ready("10.42.1.9", "a")));
    var before = rules(services, List.of(web(Ep.ready("10.42.1.5", "a")), other));
    var after =
        rules(
            services, List.of(web(Ep.ready("10.42.1.5", "a"), Ep.ready("10.42.1.6", "a")), other));
    List<String> lines = lines(script.update(before, after));
    assertThat(lines).noneMatch(l -> l.contains("other"));
    assertThat(lines)
        .contains(
            "flush chain ip nauta-proxy "
                + RulesetReader.target(
                    after.verdict("service-ips", "10.43.0.50 . tcp . 80").orElseThrow()));
    assertThat(lines).anyMatch(l -> l.startsWith("add chain") && l.contains("10.42.1.6/8080"));
    assertThat(lines).noneMatch(l -> l.startsWith("delete"));
  }

  @Test
  void aDeletedServiceLeavesNothingBehind() {
    var before =
        rules(
            List.of(Fixtures.nodePort("web", "10.43.0.50", 30080)),
            List.of(web(Ep.ready("10.42.1.5", "a"))));
    var after = rules(List.of(), List.of());
    List<String> lines = lines(script.update(before, after));
    // every chain and element of the service goes, elements before the chains they name
    for (String chain : before.chains().keySet()) {
      if (!after.chains().containsKey(chain)) {
        assertThat(lines).contains("delete chain ip nauta-proxy " + chain);
      }
    }
    assertThat(lines)
        .contains(
            "delete element ip nauta-proxy service-ips { 10.43.0.50 . tcp . 80 }",
            "delete element ip nauta-proxy service-nodeports { tcp . 30080 }");
    assertThat(lastIndex(lines, "delete element")).isLessThan(firstIndex(lines, "delete chain"));
    assertThat(lastIndex(lines, "flush chain")).isLessThan(firstIndex(lines, "delete chain"));
  }

  @Test
  void aServiceLosingItsLastEndpointMovesToTheRejectMap() {
    var services = List.of(Fixtures.service("web", "10.43.0.50").build());
    var before = rules(services, List.of(web(Ep.ready("10.42.1.5", "a"))));
    var after = rules(services, List.of(web(Ep.notReady("10.42.1.5", "a"))));
    List<String> lines = lines(script.update(before, after));
    assertThat(lines)
        .contains(
            "delete element ip nauta-proxy service-ips { 10.43.0.50 . tcp . 80 }",
            "add element ip nauta-proxy no-endpoint-services { 10.43.0.50 . tcp . 80 : goto"
                + " reject-chain }");
  }

  @Test
  void anAffinityTimeoutChangeRecreatesTheSetsAndTheRulesNamingThem() {
    Service s = Fixtures.service("web", "10.43.0.50").build();
    s.getSpec().setSessionAffinity("ClientIP");
    var before = rules(List.of(s), List.of(web(Ep.ready("10.42.1.5", "a"))));
    s.getSpec()
        .setSessionAffinityConfig(
            new io.fabric8.kubernetes.api.model.SessionAffinityConfigBuilder()
                .withNewClientIP()
                .withTimeoutSeconds(5)
                .endClientIP()
                .build());
    var after = rules(List.of(s), List.of(web(Ep.ready("10.42.1.5", "a"))));
    String set = after.sets().keySet().iterator().next();
    String endpoint = "ep-" + set.substring(4);
    List<String> lines = lines(script.update(before, after));
    int flush = lines.indexOf("flush chain ip nauta-proxy " + endpoint);
    int delete = lines.indexOf("delete set ip nauta-proxy " + set);
    int add = firstIndex(lines, "add set ip nauta-proxy " + set);
    assertThat(flush).isNotNegative().isLessThan(delete);
    assertThat(delete).isLessThan(add);
    assertThat(lines.get(add)).contains("timeout 5s");
    assertThat(lastIndex(lines, "add rule ip nauta-proxy " + endpoint)).isGreaterThan(add);
  }

  @Test
  void unchangedAffinitySetsKeepTheirClients() {
    Service s = Fixtures.service("web", "10.43.0.50").build();
    s.getSpec().setSessionAffinity("ClientIP");
    var before = rules(List.of(s), List.of(web(Ep.ready("10.42.1.5", "a"))));
    var after =
        rules(List.of(s), List.of(web(Ep.ready("10.42.1.5", "a"), Ep.ready("10.42.1.6", "a"))));
    assertThat(lines(script.update(before, after)))
        .noneMatch(l -> l.startsWith("delete set") || l.contains("10.42.1.5/8080 {"));
  }

  @Test
  void deleteNeverFailsOnAMissingTable() {
    assertThat(lines(script.delete()))
        .containsExactly("add table ip nauta-proxy", "delete table ip nauta-proxy");
  }

  private static int firstIndex(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + prefix);
  }

  private static int lastIndex(List<String> lines, String prefix) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + prefix);
  }
}
