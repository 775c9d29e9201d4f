package io.nauta.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.status.ApiException;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAllocationsTest {
  @TempDir Path dir;
  private ServiceRegistry r;

  @BeforeEach
  void open() {
    // 14 usable IPs (10.43.0.1-14); 100 node ports, of which 30000-30015 are the static band
    r = new ServiceRegistry(dir, "10.43.0.0/28", "30000-30099");
  }

  @AfterEach
  void close() {
    r.close();
  }

  private static String svc(String name, String spec) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}";
  }

  private static String ports(String type) {
    return "{\"type\":\"" + type + "\",\"ports\":[{\"port\":80}]}";
  }

  private static void refused(ThrowingCallable call, int code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void clusterIpServicesGetAnAddressOfTheRange() {
    ObjectNode created = r.create(svc("a", ports("ClusterIP")));
    String ip = created.at("/spec/clusterIP").asText();
    assertThat(ip).startsWith("10.43.0.");
    assertThat(created.at("/spec/clusterIPs/0").asText()).isEqualTo(ip);
    assertThat(r.get("a").at("/spec/clusterIP").asText()).isEqualTo(ip);
    assertThat(r.ips()).containsExactly(ip);
    assertThat(r.allocations.ips().get(ip).orElseThrow().owner().uid())
        .isEqualTo(created.at("/metadata/uid").asText());
  }

  @Test
  void aRequestedIpIsHonouredOnceAndOutOfRangeOnesAreRefused() {
    r.create(svc("a", "{\"clusterIP\":\"10.43.0.5\",\"ports\":[{\"port\":80}]}"));
    assertThat(r.get("a").at("/spec/clusterIP").asText()).isEqualTo("10.43.0.5");
    refused(
        () -> r.create(svc("b", "{\"clusterIP\":\"10.43.0.5\",\"ports\":[{\"port\":80}]}")),
        422,
        "Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.43.0.5\"}: failed"
            + " to allocate IP 10.43.0.5: provided IP is already allocated");
    refused(
        () -> r.create(svc("c", "{\"clusterIPs\":[\"10.43.0.15\"],\"ports\":[{\"port\":80}]}")),
        422,
        "Service \"c\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.43.0.15\"}: failed"
            + " to allocate IP 10.43.0.15: the provided IP (10.43.0.15) is not in the valid range."
            + " The range of valid IPs is 10.43.0.0/28");
    refused(
        () ->
            r.create(
                svc(
                    "d",
                    "{\"clusterIP\":\"10.43.0.6\",\"clusterIPs\":[\"10.43.0.7\"],"
                        + "\"ports\":[{\"port\":80}]}")),
        422,
        "Service \"d\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.43.0.7\"}: first"
            + " value must match `clusterIP`");
    assertThat(r.ips()).containsExactly("10.43.0.5");
  }

  @Test
  void headlessAndExternalNameServicesGetNoAddress() {
    ObjectNode headless = r.create(svc("h", "{\"clusterIP\":\"None\",\"selector\":{\"a\":\"b\"}}"));
    ObjectNode external =
        r.create(svc("x", "{\"type\":\"ExternalName\",\"externalName\":\"example.com\"}"));
    assertThat(headless.at("/spec/clusterIPs/0").asText()).isEqualTo("None");
    assertThat(external.at("/spec/clusterIP").isMissingNode()).isTrue();
    assertThat(r.ips()).isEmpty();
  }

  @Test
  void anExhaustedRangeIsAnInternalErrorAndTakesNothing() {
    for (int i = 0; i < 14; i++) {
      r.create(svc("s" + i, ports("ClusterIP")));
    }
    refused(
        () -> r.create(svc("full", ports("ClusterIP"))),
        500,
        "Internal error occurred: failed to allocate a serviceIP: range is full");
    r.delete("s3");
    assertThat(r.create(svc("again", ports("ClusterIP"))).at("/spec/clusterIP").asText())
        .isNotEmpty();
  }

  @Test
  void nodePortsAreAllocatedAndCollisionsRefused() {
    ObjectNode a = r.create(svc("a", ports("NodePort")));
    assertThat(a.at("/spec/ports/0/nodePort").asInt()).isBetween(30016, 30099);
    r.create(svc("b", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30008}]}"));
    refused(
        () ->
            r.create(
                svc("c", "{\"type\":\"NodePort\",\"ports\":[{\"port\":81,\"nodePort\":30008}]}")),
        422,
        "Service \"c\" is invalid: spec.ports[0].nodePort: Invalid value: 30008: provided port is"
            + " already allocated");
    refused(
        () ->
            r.create(
                svc("d", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30100}]}")),
        422,
        "Service \"d\" is invalid: spec.ports[0].nodePort: Invalid value: 30100: provided port is"
            + " not in the valid range. The range of valid ports is 30000-30099");
    // the refused Services hold nothing: two IPs, two ports
    assertThat(r.ips()).hasSize(2);
    assertThat(r.ports()).hasSize(2);
  }

  @Test
  void tcpAndUdpOfOnePortNumberShareANodePortButTwoPortNumbersMayNot() {
    ObjectNode dns =
        r.create(
            svc(
                "dns",
                "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"u\",\"port\":53,\"protocol\":\"UDP\"},"
                    + "{\"name\":\"t\",\"port\":53,\"protocol\":\"TCP\"}]}"));
    assertThat(dns.at("/spec/ports/0/nodePort")).isEqualTo(dns.at("/spec/ports/1/nodePort"));
    ObjectNode asked =
        r.create(
            svc(
                "asked",
                "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"u\",\"port\":54,\"protocol\":\"UDP\"},"
                    + "{\"name\":\"t\",\"port\":54,\"protocol\":\"TCP\",\"nodePort\":30001}]}"));
    assertThat(asked.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30001);
    assertThat(asked.at("/spec/ports/1/nodePort").asInt()).isEqualTo(30001);
    refused(
        () ->
            r.create(
                svc(
                    "two",
                    "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"a\",\"port\":80,\"nodePort\":30002},"
                        + "{\"name\":\"b\",\"port\":81,\"nodePort\":30002}]}")),
        422,
        "Service \"two\" is invalid: spec.ports[1].nodePort: Invalid value: 30002: provided port is"
            + " already allocated");
    assertThat(r.ports()).hasSize(2);
  }

  @Test
  void loadBalancersGetNodePortsUnlessTheyOptOutAndHealthCheckPortsWhenLocal() {
    ObjectNode lb = r.create(svc("lb", ports("LoadBalancer")));
    assertThat(lb.at("/spec/ports/0/nodePort").asInt()).isPositive();
    assertThat(lb.at("/status/loadBalancer").isEmpty()).isTrue();
    ObjectNode none =
        r.create(
            svc(
                "none",
                "{\"type\":\"LoadBalancer\",\"allocateLoadBalancerNodePorts\":false,"
                    + "\"ports\":[{\"port\":80}]}"));
    assertThat(none.at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
    ObjectNode local =
        r.create(
            svc(
                "local",
                "{\"type\":\"LoadBalancer\",\"externalTrafficPolicy\":\"Local\","
                    + "\"ports\":[{\"port\":80}]}"));
    int hc = local.at("/spec/healthCheckNodePort").asInt();
    assertThat(hc).isBetween(30016, 30099).isNotEqualTo(local.at("/spec/ports/0/nodePort").asInt());
    assertThat(r.ports()).hasSize(3);
    r.delete("local");
    assertThat(r.ports()).hasSize(1);
  }

  @Test
  void exhaustedNodePortsGiveBackTheClusterIpAlreadyTaken() {
    try (ServiceRegistry small =
        new ServiceRegistry(dir.resolve("small"), "10.43.0.0/24", "30000-30009")) {
      for (int i = 0; i < 10; i++) {
        small.create(svc("p" + i, ports("NodePort")));
      }
      refused(
          () -> small.create(svc("more", ports("NodePort"))),
          500,
          "Internal error occurred: failed to allocate a nodePort: range is full");
      assertThat(small.ips()).hasSize(10);
    }
  }

  @Test
  void aCreateThatFailsInTheStoreLeavesNoAllocation() {
    r.create(svc("a", ports("NodePort")));
    refused(() -> r.create(svc("a", ports("NodePort"))), 409, "services \"a\" already exists");
    assertThat(r.ips()).hasSize(1);
    assertThat(r.ports()).hasSize(1);
  }

  @Test
  void dryRunsFillInValuesButTakeNothing() {
    ObjectNode dry = r.create(svc("a", ports("NodePort")), new WriteOptions(true, null));
    assertThat(dry.at("/spec/clusterIP").asText()).startsWith("10.43.0.");
    assertThat(dry.at("/spec/ports/0/nodePort").asInt()).isPositive();
    assertThat(r.ips()).isEmpty();
    assertThat(r.ports()).isEmpty();
  }

  @Test
  void deletingAServiceFreesItsAddressAndPortsForReuse() {
    r.create(
        svc(
            "a",
            "{\"type\":\"NodePort\",\"clusterIP\":\"10.43.0.7\",\"ports\":[{\"port\":80,\"nodePort\":30005}]}"));
    r.delete("a");
    assertThat(r.ips()).isEmpty();
    assertThat(r.ports()).isEmpty();
    ObjectNode b =
        r.create(
            svc(
                "b",
                "{\"type\":\"NodePort\",\"clusterIP\":\"10.43.0.7\",\"ports\":[{\"port\":80,\"nodePort\":30005}]}"));
    assertThat(b.at("/spec/clusterIP").asText()).isEqualTo("10.43.0.7");
  }
}
