package io.nauta.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.status.ApiException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Updates: what a Service holds is kept, what a new type needs is taken, the rest is freed. */
class ServiceTypeChangeTest {
  @TempDir Path dir;
  private ServiceRegistry r;

  @BeforeEach
  void open() {
    r = new ServiceRegistry(dir, "10.43.0.0/24", "30000-30099");
    r.create(
        "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"selector\":{\"app\":\"a\"},"
            + "\"ports\":[{\"port\":80}]}}");
  }

  @AfterEach
  void close() {
    r.close();
  }

  private static ObjectNode spec(ObjectNode svc) {
    return (ObjectNode) svc.get("spec");
  }

  @Test
  void clusterIpToNodePortToLoadBalancerAndBackKeepsTheAddress() {
    String ip = r.get("a").at("/spec/clusterIP").asText();
    ObjectNode np = r.update("a", s -> spec(s).put("type", "NodePort"));
    int port = np.at("/spec/ports/0/nodePort").asInt();
    assertThat(port).isPositive();
    assertThat(r.ports()).containsExactly(Integer.toString(port));

    ObjectNode lb =
        r.update(
            "a", s -> spec(s).put("type", "LoadBalancer").put("externalTrafficPolicy", "Local"));
    assertThat(lb.at("/spec/ports/0/nodePort").asInt()).isEqualTo(port);
    int hc = lb.at("/spec/healthCheckNodePort").asInt();
    assertThat(r.ports()).containsExactlyInAnyOrder(Integer.toString(port), Integer.toString(hc));

    // an update that leaves the allocated values out keeps them
    ObjectNode same =
        r.update(
            "a",
            s -> {
              ((ObjectNode) s.at("/spec/ports/0")).remove("nodePort");
              spec(s).remove("healthCheckNodePort");
              spec(s).put("sessionAffinity", "ClientIP");
            });
    assertThat(same.at("/spec/ports/0/nodePort").asInt()).isEqualTo(port);
    assertThat(same.at("/spec/healthCheckNodePort").asInt()).isEqualTo(hc);

    ObjectNode back =
        r.update(
            "a",
            s -> {
              spec(s).put("type", "ClusterIP");
              spec(s).remove("externalTrafficPolicy");
            });
    assertThat(back.at("/spec/clusterIP").asText()).isEqualTo(ip);
    assertThat(back.at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
    assertThat(back.at("/spec/healthCheckNodePort").isMissingNode()).isTrue();
    assertThat(r.ports()).isEmpty();
    assertThat(r.ips()).containsExactly(ip);
  }

  @Test
  void externalNameGivesBackTheAddressAndClusterIpTakesANewOne() {
    String ip = r.get("a").at("/spec/clusterIP").asText();
    ObjectNode ext =
        r.update("a", s -> spec(s).put("type", "ExternalName").put("externalName", "example.com"));
    assertThat(ext.at("/spec/clusterIP").isMissingNode()).isTrue();
    assertThat(r.ips()).isEmpty();

    ObjectNode again =
        r.update(
            "a",
            s -> {
              spec(s).put("type", "ClusterIP").remove("externalName");
              spec(s).put("clusterIP", ip);
            });
    assertThat(again.at("/spec/clusterIPs/0").asText()).isEqualTo(ip);
    assertThat(r.ips()).containsExactly(ip);
  }

  @Test
  void aRefusedUpdateTakesNothingAndKeepsEverything() {
    r.create(
        "{\"metadata\":{\"name\":\"b\"},\"spec\":{\"type\":\"NodePort\","
            + "\"ports\":[{\"port\":80,\"nodePort\":30003}]}}");
    assertThatThrownBy(
            () ->
                r.update(
                    "a",
                    s -> {
                      spec(s).put("type", "NodePort");
                      spec(s)
                          .putArray("ports")
                          .add(r.parse("{\"name\":\"x\",\"port\":80}"))
                          .add(r.parse("{\"name\":\"y\",\"port\":81,\"nodePort\":30003}"));
                    }))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "Service \"a\" is invalid: spec.ports[1].nodePort: Invalid value: 30003:"
                            + " provided port is already allocated"));
    assertThat(r.ports()).containsExactly("30003");
    assertThat(r.get("a").at("/spec/type").asText()).isEqualTo("ClusterIP");
  }

  @Test
  void changingTheRequestedNodePortMovesTheAllocation() {
    r.update(
        "a",
        s -> {
          spec(s).put("type", "NodePort");
          ((ObjectNode) s.at("/spec/ports/0")).put("nodePort", 30004);
        });
    r.update("a", s -> ((ObjectNode) s.at("/spec/ports/0")).put("nodePort", 30005));
    assertThat(r.ports()).containsExactly("30005");
  }
}
