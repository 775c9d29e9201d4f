package io.nauta.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  private static final UserInfo BOOTSTRAP =
      new UserInfo(
          "system:bootstrap:abcdef", "", List.of("system:bootstrappers", "system:authenticated"));
  private static final UserInfo NODE =
      new UserInfo("system:node:n1", "", List.of("system:nodes", "system:authenticated"));

  @Test
  void aBootstrapperMayOnlyAskForCertificates() {
    for (String verb : List.of("create", "get", "list", "watch")) {
      assertThat(
              Authorizer.deniedResource(
                  BOOTSTRAP, verb, "certificates.k8s.io", "certificatesigningrequests", null, null))
          .isEmpty();
    }
    assertThat(
            Authorizer.deniedResource(
                BOOTSTRAP,
                "delete",
                "certificates.k8s.io",
                "certificatesigningrequests",
                null,
                null))
        .contains(
            "User \"system:bootstrap:abcdef\" cannot delete resource \"certificatesigningrequests\""
                + " in API group \"certificates.k8s.io\" at the cluster scope");
    assertThat(
            Authorizer.deniedResource(
                BOOTSTRAP,
                "update",
                "certificates.k8s.io",
                "certificatesigningrequests",
                "approval",
                null))
        .isPresent();
    assertThat(Authorizer.deniedResource(BOOTSTRAP, "list", "", "pods", null, "default"))
        .contains(
            "User \"system:bootstrap:abcdef\" cannot list resource \"pods\" in API group \"\" in"
                + " the namespace \"default\"");
    assertThat(Authorizer.deniedPath(BOOTSTRAP, "get", "/metrics")).isPresent();
    assertThat(Authorizer.deniedPath(BOOTSTRAP, "get", "/apis")).isEmpty();
  }

  @Test
  void othersAreNotRestrictedYet() {
    assertThat(Authorizer.deniedResource(NODE, "list", "", "pods", null, "default")).isEmpty();
    assertThat(Authorizer.deniedPath(NODE, "get", "/metrics")).isEmpty();
  }
}
