package io.nauta.node.env;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvTest {
  private static Service svc(String ns, String name, String ip, Object... ports) {
    ServiceBuilder b =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withClusterIP(ip)
            .endSpec();
    for (int i = 0; i < ports.length; i += 3) {
      b.editSpec()
          .addToPorts(
              new ServicePortBuilder()
                  .withName((String) ports[i])
                  .withPort((Integer) ports[i + 1])
                  .withProtocol((String) ports[i + 2])
                  .build())
          .endSpec();
    }
    return b.build();
  }

  private static Pod pod(String ns, Boolean links) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName("p")
        .endMetadata()
        .withNewSpec()
        .withEnableServiceLinks(links)
        .endSpec()
        .build();
  }

  private static final Service KUBERNETES =
      svc("default", "kubernetes", "10.43.0.1", "https", 443, "TCP");

  @Test
  void everyPortOfEveryServiceInTheNamespaceGetsItsVariables() {
    Service web = svc("shop", "web-front", "10.43.0.7", "http", 80, "TCP", "dns", 53, "UDP");
    Map<String, String> env = ServiceEnv.of(pod("shop", null), List.of(web), List.of(KUBERNETES));
    assertThat(env)
        .containsEntry("WEB_FRONT_SERVICE_HOST", "10.43.0.7")
        .containsEntry("WEB_FRONT_SERVICE_PORT", "80")
        .containsEntry("WEB_FRONT_SERVICE_PORT_HTTP", "80")
        .containsEntry("WEB_FRONT_SERVICE_PORT_DNS", "53")
        .containsEntry("WEB_FRONT_PORT", "tcp://10.43.0.7:80")
        .containsEntry("WEB_FRONT_PORT_80_TCP", "tcp://10.43.0.7:80")
        .containsEntry("WEB_FRONT_PORT_80_TCP_PROTO", "tcp")
        .containsEntry("WEB_FRONT_PORT_80_TCP_PORT", "80")
        .containsEntry("WEB_FRONT_PORT_80_TCP_ADDR", "10.43.0.7")
        .containsEntry("WEB_FRONT_PORT_53_UDP", "udp://10.43.0.7:53")
        .containsEntry("KUBERNETES_SERVICE_HOST", "10.43.0.1")
        .containsEntry("KUBERNETES_SERVICE_PORT", "443")
        .containsEntry("KUBERNETES_PORT_443_TCP", "tcp://10.43.0.1:443");
  }

  @Test
  void withoutServiceLinksOnlyTheApiServerIsThere() {
    Service web = svc("shop", "web", "10.43.0.7", "http", 80, "TCP");
    Map<String, String> env = ServiceEnv.of(pod("shop", false), List.of(web), List.of(KUBERNETES));
    assertThat(env).containsKey("KUBERNETES_SERVICE_HOST").doesNotContainKey("WEB_SERVICE_HOST");
  }

  @Test
  void servicesWithoutAClusterIpHaveNone() {
    Service headless = svc("shop", "db", "None", "pg", 5432, "TCP");
    Service pending = svc("shop", "new", null, "x", 1, "TCP");
    Map<String, String> env =
        ServiceEnv.of(pod("shop", null), List.of(headless, pending), List.of());
    assertThat(env).isEmpty();
  }

  @Test
  void otherServicesOfDefaultAreNotSeenFromOtherNamespaces() {
    Service other = svc("default", "web", "10.43.0.9", "http", 80, "TCP");
    Map<String, String> env =
        ServiceEnv.of(pod("shop", null), List.of(), List.of(KUBERNETES, other));
    assertThat(env).containsKey("KUBERNETES_SERVICE_HOST").doesNotContainKey("WEB_SERVICE_HOST");
  }
}
