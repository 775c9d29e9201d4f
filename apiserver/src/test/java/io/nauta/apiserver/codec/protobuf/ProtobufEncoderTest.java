package io.nauta.apiserver.codec.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.nauta.apiserver.codec.Codec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtobufEncoderTest {

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) Codec.JSON.readTree(s.replace('\'', '"'));
  }

  private static Runtime.Unknown envelope(byte[] body) throws Exception {
    assertThat(ProtobufDecoder.hasMagic(body)).isTrue();
    return Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, 4, body.length));
  }

  @Test
  void encodesWhatTheGeneratedClassesRead() throws Exception {
    ObjectNode d =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'shop',"
                + "'labels':{'app':'web'},'creationTimestamp':'2026-01-02T03:04:05Z','generation':2},"
                + "'spec':{'replicas':3,'strategy':{'type':'RollingUpdate','rollingUpdate':"
                + "{'maxSurge':'25%','maxUnavailable':1}},'template':{'spec':{'containers':"
                + "[{'name':'c','image':'i','resources':{'limits':{'cpu':'500m'}}}]}}},"
                + "'status':{'replicas':1}}");
    Runtime.Unknown u = envelope(ProtobufEncoder.encode(d).orElseThrow());
    assertThat(u.getTypeMeta().getApiVersion()).isEqualTo("apps/v1");
    assertThat(u.getTypeMeta().getKind()).isEqualTo("Deployment");
    V1Apps.Deployment out = V1Apps.Deployment.parseFrom(u.getRaw());
    assertThat(out.getMetadata().getName()).isEqualTo("web");
    assertThat(out.getMetadata().getLabelsMap()).containsEntry("app", "web");
    assertThat(out.getMetadata().getCreationTimestamp().getSeconds()).isEqualTo(1767323045L);
    assertThat(out.getSpec().getReplicas()).isEqualTo(3);
    assertThat(out.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
        .isEqualTo("25%");
    assertThat(out.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isEqualTo(1);
    assertThat(
            out.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers(0)
                .getResources()
                .getLimitsMap()
                .get("cpu")
                .getString())
        .isEqualTo("500m");
    assertThat(out.getStatus().getReplicas()).isEqualTo(1);
  }

  @Test
  void roundTripsThroughTheDecoder() throws Exception {
    ObjectNode s =
        json(
            "{'kind':'Secret','apiVersion':'v1','metadata':{'name':'s','namespace':'default'},"
                + "'data':{'password':'aHVudGVyMg=='},'type':'Opaque'}");
    assertThat(ProtobufDecoder.decode(ProtobufEncoder.encode(s).orElseThrow())).isEqualTo(s);
    V1.Secret secret =
        V1.Secret.parseFrom(envelope(ProtobufEncoder.encode(s).orElseThrow()).getRaw());
    assertThat(secret.getDataMap().get("password").toStringUtf8()).isEqualTo("hunter2");
  }

  @Test
  void listsEncodeTheirItems() throws Exception {
    ObjectNode list =
        json(
            "{'kind':'ConfigMapList','apiVersion':'v1','metadata':{'resourceVersion':'7'},"
                + "'items':[{'metadata':{'name':'a'},'data':{'k':'v'}}]}");
    V1.ConfigMapList out =
        V1.ConfigMapList.parseFrom(envelope(ProtobufEncoder.encode(list).orElseThrow()).getRaw());
    assertThat(out.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(out.getItems(0).getDataMap()).containsEntry("k", "v");
  }

  @Test
  void kindsWithoutAMessageAreLeftToJson() throws Exception {
    assertThat(ProtobufEncoder.encode(json("{'kind':'Table','apiVersion':'meta.k8s.io/v1'}")))
        .isEmpty();
    assertThat(
            ProtobufEncoder.encode(
                json("{'kind':'ConfigMap','apiVersion':'v1','data':['not','a','map']}")))
        .isEmpty();
  }
}
