package io.nauta.apiserver.resources.networking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.codec.Codec;
import org.junit.jupiter.api.Test;

class IngressStrategyTest {
  private final IngressStrategy strategy = new IngressStrategy();

  private static ObjectNode ingress(String spec) throws Exception {
    return (ObjectNode)
        Codec.JSON.readTree(
            ("{'apiVersion':'networking.k8s.io/v1','kind':'Ingress','metadata':{'name':'i'},'spec':"
                    + spec
                    + "}")
                .replace('\'', '"'));
  }

  @Test
  void acceptsARuleWithAPrefixPath() throws Exception {
    ObjectNode ok =
        ingress(
            "{'rules':[{'host':'shop.example.com','http':{'paths':[{'path':'/','pathType':'Prefix',"
                + "'backend':{'service':{'name':'web','port':{'number':80}}}}]}}]}");
    assertThat(strategy.validate(ok)).isEmpty();
    assertThat(strategy.cells(ok, java.time.Instant.now()))
        .containsSequence("i", "<none>", "shop.example.com");
  }

  @Test
  void namesTheFieldsThatAreMissingOrWrong() throws Exception {
    assertThat(strategy.validate(ingress("{}")))
        .extracting(FieldError::field)
        .containsExactly("spec");
    assertThat(
            strategy.validate(
                ingress(
                    "{'rules':[{'host':'Bad_Host','http':{'paths':[{'path':'/','pathType':'Glob'},"
                        + "{'path':'/x'}]}}]}")))
        .extracting(FieldError::field)
        .contains(
            "spec.rules[0].host",
            "spec.rules[0].http.paths[0].pathType",
            "spec.rules[0].http.paths[0].backend",
            "spec.rules[0].http.paths[1].pathType");
  }
}
