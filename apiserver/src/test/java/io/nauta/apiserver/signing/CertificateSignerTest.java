package io.nauta.apiserver.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.pki.CertificateRequest;
import io.nauta.apiserver.signing.CertificateSigner.Decision;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateSignerTest {
  private static final String KUBELET = "kubernetes.io/kube-apiserver-client-kubelet";

  private static ObjectNode csr(
      String cn, List<String> orgs, String signer, String username, List<String> groups) {
    ObjectNode o = Codec.JSON.createObjectNode();
    ObjectNode spec = o.putObject("spec");
    String pem = CertificateRequest.generate(cn, orgs).requestPem();
    spec.put(
        "request", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
    spec.put("signerName", signer);
    spec.putArray("usages").add("digital signature").add("key encipherment").add("client auth");
    spec.put("username", username);
    groups.forEach(spec.withArray("groups")::add);
    return o;
  }

  private static ObjectNode approved(ObjectNode csr) {
    csr.with("status")
        .withArray("conditions")
        .addObject()
        .put("type", "Approved")
        .put("status", "True");
    return csr;
  }

  @Test
  void aJoiningNodesRequestIsApprovedThenSigned() {
    ObjectNode c =
        csr(
            "system:node:n1",
            List.of("system:nodes"),
            KUBELET,
            "system:bootstrap:abcdef",
            List.of("system:bootstrappers", "system:authenticated"));
    assertThat(CertificateSigner.decide(c)).isInstanceOf(Decision.Approve.class);
    assertThat(CertificateSigner.decide(approved(c)))
        .isInstanceOfSatisfying(
            Decision.Sign.class,
            s -> {
              assertThat(s.request().commonName()).isEqualTo("system:node:n1");
              assertThat(s.lifetime()).isEqualTo(Duration.ofDays(365));
            });
    c.with("status").put("certificate", "LS0t");
    assertThat(CertificateSigner.decide(c)).isInstanceOf(Decision.Nothing.class);
  }

  @Test
  void aNodeRenewingItsOwnIdentityIsApprovedButNotAnotherNodes() {
    ObjectNode own =
        csr(
            "system:node:n1",
            List.of("system:nodes"),
            KUBELET,
            "system:node:n1",
            List.of("system:nodes"));
    assertThat(CertificateSigner.decide(own)).isInstanceOf(Decision.Approve.class);
    ObjectNode other =
        csr(
            "system:node:n2",
            List.of("system:nodes"),
            KUBELET,
            "system:node:n1",
            List.of("system:nodes"));
    assertThat(CertificateSigner.decide(other)).isInstanceOf(Decision.Nothing.class);
  }

  @Test
  void aBootstrapperAskingForAnythingButANodeIdentityWaitsForAPersonAndFailsWhenApproved() {
    ObjectNode admin =
        csr(
            "admin",
            List.of("system:masters"),
            KUBELET,
            "system:bootstrap:abcdef",
            List.of("system:bootstrappers"));
    assertThat(CertificateSigner.decide(admin)).isInstanceOf(Decision.Nothing.class);
    assertThat(CertificateSigner.decide(approved(admin)))
        .isInstanceOfSatisfying(
            Decision.Fail.class,
            f -> assertThat(f.message()).contains("must begin with \"system:node:\""));
  }

  @Test
  void clientRequestsWaitForApprovalAndOtherSignersAreLeftAlone() {
    ObjectNode alice =
        csr("alice", List.of(), "kubernetes.io/kube-apiserver-client", "admin", List.of());
    alice.with("spec").put("expirationSeconds", 3600);
    assertThat(CertificateSigner.decide(alice)).isInstanceOf(Decision.Nothing.class);
    assertThat(CertificateSigner.decide(approved(alice)))
        .isInstanceOfSatisfying(
            Decision.Sign.class, s -> assertThat(s.lifetime()).isEqualTo(Duration.ofHours(1)));
    ObjectNode other = approved(csr("x", List.of(), "example.com/mine", "admin", List.of()));
    assertThat(CertificateSigner.decide(other)).isInstanceOf(Decision.Nothing.class);
  }

  @Test
  void serverAuthIsNotAClientCertificate() {
    ObjectNode c =
        csr("alice", List.of(), "kubernetes.io/kube-apiserver-client", "admin", List.of());
    ((com.fasterxml.jackson.databind.node.ArrayNode) c.with("spec").get("usages"))
        .removeAll()
        .add("server auth");
    assertThat(CertificateSigner.decide(approved(c)))
        .isInstanceOfSatisfying(
            Decision.Fail.class, f -> assertThat(f.message()).contains("\"server auth\""));
  }
}
