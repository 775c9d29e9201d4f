package io.nauta.apiserver.resources.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.codec.Codec;
import org.junit.jupiter.api.Test;

class ReplicationControllerStrategyTest {
  private final ReplicationControllerStrategy strategy = new ReplicationControllerStrategy();

  private static ObjectNode rc(String spec) throws Exception {
    return (ObjectNode)
        Codec.JSON.readTree(
            ("{'apiVersion':'v1','kind':'ReplicationController','metadata':{'name':'r'},'spec':"
                    + spec
                    + "}")
                .replace('\'', '"'));
  }

  @Test
  void defaultsTheSelectorFromTheTemplateAndOneReplica() throws Exception {
    ObjectNode r =
        rc(
            "{'template':{'metadata':{'labels':{'app':'a'}},"
                + "'spec':{'containers':[{'name':'c','image':'i'}]}}}");
    strategy.prepareForCreate(r);
    assertThat(r.at("/spec/selector/app").asText()).isEqualTo("a");
    assertThat(r.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(strategy.validate(r)).isEmpty();
  }

  @Test
  void rejectsASelectorTheTemplateDoesNotMatch() throws Exception {
    ObjectNode r =
        rc(
            "{'selector':{'app':'b'},'template':{'metadata':{'labels':{'app':'a'}},"
                + "'spec':{'containers':[{'name':'c','image':'i'}]}}}");
    strategy.prepareForCreate(r);
    assertThat(strategy.validate(r))
        .extracting(FieldError::field)
        .containsExactly("spec.template.metadata.labels");
  }
}
