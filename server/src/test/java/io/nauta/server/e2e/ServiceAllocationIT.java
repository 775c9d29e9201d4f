package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Service cluster IPs and node ports as kubectl users see them, on a real server (no node agent)
 * with a small service CIDR, 10.43.0.0/27: addresses 10.43.0.1-30, of which 10.43.0.17-30 are
 * handed out first (the static band 1-16 holds the kubernetes and kube-dns addresses). The last
 * test restarts the server and fills the range.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceAllocationIT extends ServerProcessTest {
  private static final String IP = "10\\.43\\.0\\.\\d+";

  @Override
  protected String[] serverArgs() {
    return new String[] {"--service-cidr=10.43.0.0/27"};
  }

  private Kubectl.Result fails(String... args) throws Exception {
    Kubectl.Result r = nauta.kubectl(args);
    assertThat(r.code()).as("kubectl %s\n%s", String.join(" ", args), r.all()).isNotZero();
    return r;
  }

  /** The cluster IPs of all Services. */
  private Set<String> clusterIps() throws Exception {
    Set<String> ips =
        new HashSet<>(
            List.of(
                ok("get", "svc", "-A", "-o", "jsonpath={.items[*].spec.clusterIP}")
                    .out()
                    .split(" ")));
    ips.remove("None");
    ips.remove("");
    return ips;
  }

  private String jsonpath(String what, String path) throws Exception {
    return ok("get", what, "-o", "jsonpath=" + path).out();
  }

  @Test
  @Order(1)
  void theKubernetesServicePointsAtTheApiServer() throws Exception {
    assertThat(ok("get", "svc", "kubernetes").out())
        .containsPattern("kubernetes\\s+ClusterIP\\s+10\\.43\\.0\\.1\\s+<none>\\s+443/TCP\\s");
    assertThat(ok("get", "endpoints", "kubernetes").out())
        .containsPattern("kubernetes\\s+127\\.0\\.0\\.1:" + port + "\\s");
    assertThat(
            ok(
                    "get",
                    "endpointslices",
                    "-l",
                    "kubernetes.io/service-name=kubernetes",
                    "-o",
                    "jsonpath={.items[*].metadata.labels.endpointslice\\.kubernetes\\.io/managed-by}"
                        + " {.items[*].endpoints[*].addresses[*]} {.items[*].ports[*].port}")
                .out())
        .isEqualTo("nauta-apiserver 127.0.0.1 " + port);
    assertThat(ok("get", "svc", "-n", "kube-system", "kube-dns", "--show-labels").out())
        .containsPattern(
            "kube-dns\\s+ClusterIP\\s+10\\.43\\.0\\.10\\s+<none>\\s+53/UDP,53/TCP\\s+\\S+\\s+"
                + "k8s-app=kube-dns");
    // the endpoints controller leaves selectorless Services' endpoints alone
    assertThat(jsonpath("endpoints/kubernetes", "{.subsets[*].addresses[*].ip}"))
        .isEqualTo("127.0.0.1");
  }

  @Test
  @Order(2)
  void createdAndExposedServicesGetClusterIps() throws Exception {
    ok("create", "service", "clusterip", "plain", "--tcp=80:8080");
    assertThat(ok("get", "svc", "plain").out())
        .containsPattern("plain\\s+ClusterIP\\s+" + IP + "\\s+<none>\\s+80/TCP\\s");
    nauta.kubectlWithInput(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: c
                image: busybox
                ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]
        """,
        "apply",
        "-f",
        "-");
    ok("expose", "deployment", "web", "--port=80", "--target-port=http", "--name=web-http");
    assertThat(
            jsonpath(
                "svc/web-http",
                "{.spec.clusterIP} {.spec.ports[0].port} {.spec.ports[0].targetPort}"
                    + " {.spec.selector.app}"))
        .matches(IP + " 80 http web");
    ok("expose", "deployment", "web");
    assertThat(ok("get", "svc", "web", "-o", "wide").out())
        .containsPattern(
            "web\\s+ClusterIP\\s+" + IP + "\\s+<none>\\s+8080/TCP,9090/TCP\\s+\\S+\\s+app=web");
    List<String> ips = new ArrayList<>();
    for (String svc : List.of("plain", "web-http", "web")) {
      ips.add(jsonpath("svc/" + svc, "{.spec.clusterIP}"));
    }
    assertThat(new HashSet<>(ips)).hasSize(3).doesNotContain("10.43.0.1", "10.43.0.10");
  }

  @Test
  @Order(3)
  void nodePortsCanBeRequestedOnceAndCollisionsAreRefused() throws Exception {
    ok("create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080");
    assertThat(ok("get", "svc", "np").out())
        .containsPattern("np\\s+NodePort\\s+" + IP + "\\s+<none>\\s+80:30080/TCP\\s");
    assertThat(
            fails("create", "service", "nodeport", "np2", "--tcp=81:8080", "--node-port=30080")
                .err())
        .contains(
            "error: failed to create NodePort service: Service \"np2\" is invalid:"
                + " spec.ports[0].nodePort: Invalid value: 30080: provided port is already"
                + " allocated");
    Kubectl.Result applied =
        nauta.kubectlWithInput(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: np3}
            spec:
              type: NodePort
              selector: {app: web}
              ports: [{port: 80, nodePort: 40000}]
            """,
            "apply",
            "-f",
            "-");
    assertThat(applied.code()).isNotZero();
    assertThat(applied.err())
        .contains(
            "The Service \"np3\" is invalid: spec.ports[0].nodePort: Invalid value: 40000:"
                + " provided port is not in the valid range. The range of valid ports is"
                + " 30000-32767");
    // 53/UDP and 53/TCP share one node port
    nauta.kubectlWithInput(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: dns}
        spec:
          type: NodePort
          ports: [{name: u, port: 53, protocol: UDP}, {name: t, port: 53, protocol: TCP}]
        """,
        "apply",
        "-f",
        "-");
    String[] dnsPorts = jsonpath("svc/dns", "{.spec.ports[*].nodePort}").split(" ");
    assertThat(dnsPorts).hasSize(2);
    assertThat(dnsPorts[0]).isEqualTo(dnsPorts[1]);
    assertThat(ok("get", "svc", "dns").out())
        .containsPattern("53:" + dnsPorts[0] + "/UDP,53:" + dnsPorts[0] + "/TCP");
  }

  @Test
  @Order(4)
  void requestedClusterIpsMustBeFreeAndInRange() throws Exception {
    assertThat(
            fails("create", "service", "clusterip", "taken", "--tcp=80", "--clusterip=10.43.0.10")
                .err())
        .contains(
            "error: failed to create ClusterIP service: Service \"taken\" is invalid:"
                + " spec.clusterIPs: Invalid value: []string{\"10.43.0.10\"}: failed to allocate IP"
                + " 10.43.0.10: provided IP is already allocated");
    assertThat(
            fails("create", "service", "clusterip", "far", "--tcp=80", "--clusterip=10.43.0.40")
                .err())
        .contains(
            "failed to allocate IP 10.43.0.40: the provided IP (10.43.0.40) is not in the valid"
                + " range. The range of valid IPs is 10.43.0.0/27");
    ok("create", "service", "clusterip", "mine", "--tcp=80", "--clusterip=10.43.0.5");
    assertThat(jsonpath("svc/mine", "{.spec.clusterIP}")).isEqualTo("10.43.0.5");
  }

  @Test
  @Order(5)
  void headlessExternalNameAndLoadBalancerServices() throws Exception {
    ok("create", "service", "clusterip", "headless", "--clusterip=None");
    ok("create", "service", "externalname", "ext", "--external-name=example.com");
    ok("create", "service", "loadbalancer", "lb", "--tcp=80:8080");
    String table = ok("get", "svc", "headless", "ext", "lb").out();
    assertThat(table)
        .containsPattern("headless\\s+ClusterIP\\s+None\\s+<none>\\s+<none>\\s")
        .containsPattern("ext\\s+ExternalName\\s+<none>\\s+example\\.com\\s+<none>\\s")
        .containsPattern("lb\\s+LoadBalancer\\s+" + IP + "\\s+<pending>\\s+80:3\\d{4}/TCP\\s");
    assertThat(jsonpath("svc/lb", "{.status.loadBalancer}")).isIn("", "{}");
  }

  @Test
  @Order(6)
  void typeChangesTakeAndGiveBackNodePorts() throws Exception {
    ok("create", "service", "clusterip", "moving", "--tcp=80:8080");
    String ip = jsonpath("svc/moving", "{.spec.clusterIP}");
    ok("patch", "svc", "moving", "-p", "{\"spec\":{\"type\":\"NodePort\"}}");
    String nodePort = jsonpath("svc/moving", "{.spec.ports[0].nodePort}");
    assertThat(nodePort).matches("3\\d{4}");
    ok("patch", "svc", "moving", "-p", "{\"spec\":{\"type\":\"ClusterIP\"}}");
    assertThat(ok("get", "svc", "moving").out())
        .containsPattern(
            "moving\\s+ClusterIP\\s+" + ip.replace(".", "\\.") + "\\s+<none>\\s+80/TCP\\s");
    // the node port is free again
    ok("create", "service", "nodeport", "reuse-port", "--tcp=80", "--node-port=" + nodePort);
    ok(
        "patch",
        "svc",
        "moving",
        "--type=merge",
        "-p",
        "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"example.org\"}}");
    assertThat(jsonpath("svc/moving", "{.spec.clusterIP}")).isEmpty();
    // and so is the address
    ok("create", "service", "clusterip", "reuse-ip", "--tcp=80", "--clusterip=" + ip);
  }

  @Test
  @Order(7)
  void deletedServicesGiveTheirAddressAndPortBack() throws Exception {
    ok("create", "service", "nodeport", "short", "--tcp=80", "--node-port=30999");
    String ip = jsonpath("svc/short", "{.spec.clusterIP}");
    ok("delete", "svc", "short");
    // the address first: a Service without one may draw the freed address at random
    ok("create", "service", "clusterip", "again-ip", "--tcp=80", "--clusterip=" + ip);
    ok("create", "service", "nodeport", "again", "--tcp=80", "--node-port=30999");
  }

  @Test
  @Order(8)
  void allocationsSurviveARestartAndAreNeverHandedOutTwice() throws Exception {
    Set<String> before = clusterIps();
    assertThat(nauta.stop()).isZero();
    nauta = NautaProcess.start(dir.resolve("data"), port, serverArgs());

    assertThat(
            fails("create", "service", "nodeport", "late", "--tcp=80", "--node-port=30080").err())
        .contains("provided port is already allocated");
    assertThat(
            fails("create", "service", "clusterip", "late", "--tcp=80", "--clusterip=10.43.0.5")
                .err())
        .contains("provided IP is already allocated");
    assertThat(jsonpath("endpoints/kubernetes", "{.subsets[*].addresses[*].ip}"))
        .isEqualTo("127.0.0.1");

    // fill the rest of the range: every new address is one no Service had
    Set<String> after = new HashSet<>();
    for (int i = 0; i < 30 - before.size(); i++) {
      ok("create", "service", "clusterip", "fill-" + i, "--tcp=80");
      after.add(jsonpath("svc/fill-" + i, "{.spec.clusterIP}"));
    }
    assertThat(after).hasSize(30 - before.size()).doesNotContainAnyElementsOf(before);
    assertThat(fails("create", "service", "clusterip", "one-too-many", "--tcp=80").err())
        .contains("Internal error occurred: failed to allocate a serviceIP: range is full");
  }
}
