package io.nauta.node.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nauta.cri.v1.Image;
import io.nauta.cri.v1.Int64Value;
import io.nauta.cri.v1.NamespaceMode;
import io.nauta.cri.v1.SecurityProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityContextsTest {
  private static Pod pod(String podContext, String containerContext) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","uid":"u"},
         "spec":{"securityContext":%s,
                 "containers":[{"name":"c","image":"i","securityContext":%s}]}}
        """
            .formatted(podContext, containerContext),
        Pod.class);
  }

  @Test
  void containerSettingsOverrideThePodsAndGroupsAreThePods() {
    Pod p =
        pod(
            "{\"runAsUser\":1000,\"runAsGroup\":3000,\"supplementalGroups\":[4000],\"fsGroup\":2000}",
            "{\"runAsUser\":1001,\"readOnlyRootFilesystem\":true,\"allowPrivilegeEscalation\":false,"
                + "\"capabilities\":{\"add\":[\"NET_ADMIN\"],\"drop\":[\"ALL\"]}}");
    var sc = SecurityContexts.container(p, p.getSpec().getContainers().get(0));
    assertThat(sc.getRunAsUser().getValue()).isEqualTo(1001);
    assertThat(sc.getRunAsGroup().getValue()).isEqualTo(3000);
    assertThat(sc.getSupplementalGroupsList()).containsExactly(4000L, 2000L);
    assertThat(sc.getReadonlyRootfs()).isTrue();
    assertThat(sc.getNoNewPrivs()).isTrue();
    assertThat(sc.getPrivileged()).isFalse();
    assertThat(sc.getCapabilities().getAddCapabilitiesList()).containsExactly("NET_ADMIN");
    assertThat(sc.getCapabilities().getDropCapabilitiesList()).containsExactly("ALL");
    assertThat(sc.getNamespaceOptions().getPid()).isEqualTo(NamespaceMode.CONTAINER);
    assertThat(sc.hasSeccomp()).isFalse();

    var sandbox = SecurityContexts.sandbox(p);
    assertThat(sandbox.getRunAsUser().getValue()).isEqualTo(1000);
    assertThat(sandbox.getSupplementalGroupsList()).containsExactly(4000L, 2000L);
  }

  @Test
  void nothingSetMeansTheImagesUserAndPrivilegeEscalationAllowed() {
    Pod p = pod("null", "null");
    var sc = SecurityContexts.container(p, p.getSpec().getContainers().get(0));
    assertThat(sc.hasRunAsUser()).isFalse();
    assertThat(sc.hasRunAsGroup()).isFalse();
    assertThat(sc.getNoNewPrivs()).isFalse();
    assertThat(sc.hasCapabilities()).isFalse();
    assertThat(sc.getSupplementalGroupsList()).isEmpty();
  }

  @Test
  void privilegedContainerMakesAPrivilegedSandbox() {
    Pod p = pod("{}", "{\"privileged\":true}");
    assertThat(SecurityContexts.container(p, p.getSpec().getContainers().get(0)).getPrivileged())
        .isTrue();
    assertThat(SecurityContexts.sandbox(p).getPrivileged()).isTrue();
  }

  @Test
  void hostNamespacesAndSeccomp() {
    Pod p = pod("{\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}", "{}");
    p.getSpec().setHostNetwork(true);
    p.getSpec().setShareProcessNamespace(true);
    var sc = SecurityContexts.container(p, p.getSpec().getContainers().get(0));
    assertThat(sc.getNamespaceOptions().getNetwork()).isEqualTo(NamespaceMode.NODE);
    assertThat(sc.getNamespaceOptions().getPid()).isEqualTo(NamespaceMode.POD);
    assertThat(sc.getNamespaceOptions().getIpc()).isEqualTo(NamespaceMode.POD);
    assertThat(sc.getSeccomp().getProfileType())
        .isEqualTo(SecurityProfile.ProfileType.RuntimeDefault);
    Pod local =
        pod("{}", "{\"seccompProfile\":{\"type\":\"Localhost\",\"localhostProfile\":\"x.json\"}}");
    assertThat(
            SecurityContexts.container(local, local.getSpec().getContainers().get(0))
                .getSeccomp()
                .getLocalhostRef())
        .isEqualTo("/var/lib/kubelet/seccomp/x.json");
  }

  private static Image image(Long uid, String username) {
    Image.Builder b = Image.newBuilder().setId("sha256:x").setUsername(username);
    if (uid != null) {
      b.setUid(Int64Value.newBuilder().setValue(uid));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          not asked                             | {}                                         | {}                 | -    |        | true
          image runs as root                    | {"runAsNonRoot":true}                      | {}                 | 0    |        | false
          image has no user (root)              | {"runAsNonRoot":true}                      | {}                 | -    |        | false
          image runs as 1000                    | {"runAsNonRoot":true}                      | {}                 | 1000 |        | true
          image user is a name                  | {"runAsNonRoot":true}                      | {}                 | -    | nobody | false
          runAsUser 1000 over a root image      | {"runAsNonRoot":true,"runAsUser":1000}     | {}                 | 0    |        | true
          container runAsUser 0                 | {"runAsNonRoot":true}                      | {"runAsUser":0}    | 1000 |        | false
          container turns the check off         | {"runAsNonRoot":true}                      | {"runAsNonRoot":false} | 0 |       | true
          container turns the check on          | {}                                         | {"runAsNonRoot":true}  | 0 |       | false
          """)
  void runAsNonRootRefusesRootUsers(
      String name, String podSc, String containerSc, Long uid, String user, boolean allowed) {
    Pod p = pod(podSc, containerSc);
    var refusal =
        SecurityContexts.verifyRunAsNonRoot(
            p, p.getSpec().getContainers().get(0), image(uid, user == null ? "" : user));
    assertThat(refusal.isEmpty()).as(refusal.orElse("")).isEqualTo(allowed);
  }

  @Test
  void refusalSaysWhichPodAndContainer() {
    Pod p = pod("{\"runAsNonRoot\":true}", "{}");
    assertThat(SecurityContexts.verifyRunAsNonRoot(p, p.getSpec().getContainers().get(0), null))
        .hasValue(
            "container has runAsNonRoot and image will run as root (pod: \"p_ns(u)\", container: c)");
  }
}
