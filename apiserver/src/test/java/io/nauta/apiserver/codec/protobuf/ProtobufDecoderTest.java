package io.nauta.apiserver.codec.protobuf;

import static io.nauta.apiserver.codec.protobuf.ProtobufBodies.quantity;
import static io.nauta.apiserver.codec.protobuf.ProtobufBodies.time;
import static io.nauta.apiserver.codec.protobuf.ProtobufBodies.utf8;
import static io.nauta.apiserver.codec.protobuf.ProtobufBodies.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.status.ApiException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ProtobufDecoderTest {

  private static JsonNode json(String s) throws Exception {
    return Codec.JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void decodesAConfigMapAsKubectlCreateConfigmapSendsIt() throws Exception {
    V1.ConfigMap cm =
        V1.ConfigMap.newBuilder()
            .setMetadata(
                Meta.ObjectMeta.newBuilder()
                    .setName("settings")
                    .setNamespace("default")
                    .putLabels("app", "web"))
            .putData("mode", "fast")
            .build();
    JsonNode out = ProtobufDecoder.decode(wrap("v1", "ConfigMap", cm));
    assertThat(out)
        .isEqualTo(
            json(
                "{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'settings',"
                    + "'namespace':'default','labels':{'app':'web'}},'data':{'mode':'fast'}}"));
  }

  @Test
  void secretBytesBecomeBase64() {
    V1.Secret s =
        V1.Secret.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("s"))
            .putData("password", utf8("hunter2"))
            .setType("Opaque")
            .build();
    JsonNode out = ProtobufDecoder.decode(wrap("v1", "Secret", s));
    assertThat(out.path("data").path("password").asText()).isEqualTo("aHVudGVyMg==");
    assertThat(out.path("type").asText()).isEqualTo("Opaque");
  }

  @Test
  void wellKnownTypesTakeTheirJsonForms() {
    V1Apps.Deployment d =
        V1Apps.Deployment.newBuilder()
            .setMetadata(
                Meta.ObjectMeta.newBuilder().setName("d").setCreationTimestamp(time(1700000000)))
            .setSpec(
                V1Apps.DeploymentSpec.newBuilder()
                    .setReplicas(3)
                    .setTemplate(
                        V1.PodTemplateSpec.newBuilder()
                            .setSpec(
                                V1.PodSpec.newBuilder()
                                    .addContainers(
                                        V1.Container.newBuilder()
                                            .setName("c")
                                            .setImage("i")
                                            .setResources(
                                                V1.ResourceRequirements.newBuilder()
                                                    .putLimits("memory", quantity("128Mi")))))))
            .build();
    JsonNode out = ProtobufDecoder.decode(wrap("apps/v1", "Deployment", d));
    assertThat(out.path("metadata").path("creationTimestamp").asText())
        .isEqualTo("2023-11-14T22:13:20Z");
    assertThat(out.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(out.at("/spec/template/spec/containers/0/resources/limits/memory").asText())
        .isEqualTo("128Mi");
  }

  @Test
  void decodesTheAccessReviewOfKubectlAuthCanI() {
    V1Authorization.SelfSubjectAccessReview r =
        V1Authorization.SelfSubjectAccessReview.newBuilder()
            .setSpec(
                V1Authorization.SelfSubjectAccessReviewSpec.newBuilder()
                    .setResourceAttributes(
                        V1Authorization.ResourceAttributes.newBuilder()
                            .setVerb("create")
                            .setResource("pods")))
            .build();
    JsonNode out =
        ProtobufDecoder.decode(wrap("authorization.k8s.io/v1", "SelfSubjectAccessReview", r));
    assertThat(out.at("/spec/resourceAttributes/verb").asText()).isEqualTo("create");
  }

  @Test
  void rejectsBodiesThatAreNotKubernetesProtobuf() {
    assertThatThrownBy(() -> ProtobufDecoder.decode("{}".getBytes()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("k8s\\0")
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                ProtobufDecoder.decode(
                    ProtobufBodies.prefixed(new byte[] {(byte) 0xff, (byte) 0xff, 0x01})))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                ProtobufDecoder.decode(
                    wrap(
                        Runtime.Unknown.newBuilder()
                            .setTypeMeta(
                                Runtime.TypeMeta.newBuilder()
                                    .setApiVersion("v1")
                                    .setKind("NoSuchKind"))
                            .build())))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("no kind \"NoSuchKind\"");
    assertThatThrownBy(
            () ->
                ProtobufDecoder.decode(
                    wrap(
                        Runtime.Unknown.newBuilder()
                            .setTypeMeta(
                                Runtime.TypeMeta.newBuilder()
                                    .setApiVersion("example.com/v1")
                                    .setKind("Widget"))
                            .build())))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(415));
  }

  /**
   * Arbitrary bytes after the prefix are a clean 400 (or a decoded object), never anything else.
   */
  @Property(tries = 500)
  void arbitraryBytesNeverEscapeAsUnexpectedErrors(@ForAll byte[] rest) {
    try {
      ProtobufDecoder.decode(ProtobufBodies.prefixed(rest));
    } catch (ApiException e) {
      assertThat(e.code()).isIn(400, 415);
    }
  }

  /** A valid envelope around corrupted object bytes is a 400 too. */
  @Property(tries = 300)
  void corruptedObjectBytesAreABadRequest(@ForAll byte[] raw) {
    try {
      ProtobufDecoder.decode(
          wrap(
              Runtime.Unknown.newBuilder()
                  .setTypeMeta(
                      Runtime.TypeMeta.newBuilder().setApiVersion("apps/v1").setKind("Deployment"))
                  .setRaw(com.google.protobuf.ByteString.copyFrom(raw))
                  .build()));
    } catch (ApiException e) {
      assertThat(e.code()).isEqualTo(400);
    }
  }
}
