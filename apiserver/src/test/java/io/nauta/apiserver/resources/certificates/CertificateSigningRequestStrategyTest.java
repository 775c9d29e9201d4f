package io.nauta.apiserver.resources.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.pki.CertificateRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateSigningRequestStrategyTest {
  private final CertificateSigningRequestStrategy strategy =
      new CertificateSigningRequestStrategy();

  private static ObjectNode csr(String request, String signer, String... usages) {
    ObjectNode o = Codec.JSON.createObjectNode();
    ObjectNode spec = o.putObject("spec");
    if (request != null) {
      spec.put(
          "request",
          Base64.getEncoder().encodeToString(request.getBytes(StandardCharsets.US_ASCII)));
    }
    if (signer != null) {
      spec.put("signerName", signer);
    }
    for (String u : usages) {
      spec.withArray("usages").add(u);
    }
    return o;
  }

  private List<String> errors(ObjectNode csr) {
    return strategy.validate(csr).stream().map(FieldError::message).toList();
  }

  @Test
  void aWellFormedRequestIsValid() {
    String pem = CertificateRequest.generate("alice", List.of()).requestPem();
    assertThat(errors(csr(pem, "kubernetes.io/kube-apiserver-client", "client auth"))).isEmpty();
  }

  @Test
  void eachMistakeIsNamed() {
    assertThat(errors(csr(null, null)))
        .containsExactly(
            "spec.request: Required value",
            "spec.signerName: Required value",
            "spec.usages: Required value: usages must be provided");
    assertThat(errors(csr("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n", "nope", "flying")))
        .hasSize(3)
        .anySatisfy(m -> assertThat(m).startsWith("spec.request: Invalid value"))
        .anySatisfy(m -> assertThat(m).contains("spec.signerName: Invalid value: \"nope\""))
        .anySatisfy(m -> assertThat(m).startsWith("spec.usages[0]: Unsupported value: \"flying\""));
  }

  @Test
  void decisionsAreFinalAndExclusive() {
    ObjectNode old = csr(null, null);
    old.with("status")
        .withArray("conditions")
        .addObject()
        .put("type", "Approved")
        .put("status", "True");
    ObjectNode cleared = old.deepCopy();
    cleared.with("status").putArray("conditions");
    assertThat(CertificateSigningRequestStrategy.validateConditions(cleared, old))
        .extracting(FieldError::message)
        .containsExactly(
            "status.conditions: Forbidden: updates may not remove a condition of type \"Approved\"");
    ObjectNode both = old.deepCopy();
    both.with("status")
        .withArray("conditions")
        .addObject()
        .put("type", "Denied")
        .put("status", "True");
    assertThat(CertificateSigningRequestStrategy.validateConditions(both, old))
        .extracting(FieldError::message)
        .anySatisfy(m -> assertThat(m).contains("mutually exclusive"));
  }

  @Test
  void theConditionColumnSaysWhereTheRequestIs() {
    ObjectNode c = csr(null, null);
    assertThat(CertificateSigningRequestStrategy.condition(c)).isEqualTo("Pending");
    c.with("status")
        .withArray("conditions")
        .addObject()
        .put("type", "Approved")
        .put("status", "True");
    c.with("status").put("certificate", "LS0t");
    assertThat(CertificateSigningRequestStrategy.condition(c)).isEqualTo("Approved,Issued");
  }
}
