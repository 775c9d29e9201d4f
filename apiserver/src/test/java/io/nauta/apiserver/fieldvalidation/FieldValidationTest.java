package io.nauta.apiserver.fieldvalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.resources.BuiltinResources;
import io.nauta.apiserver.status.ApiException;
import org.junit.jupiter.api.Test;

class FieldValidationTest {
  private static final ResourceType DEPLOYMENTS =
      BuiltinResources.all().stream()
          .filter(t -> t.groupVersion().equals("apps/v1") && t.plural().equals("deployments"))
          .findFirst()
          .orElseThrow();

  private static ObjectNode deployment(String extraSpec, String extraContainer) {
    try {
      return (ObjectNode)
          Codec.JSON.readTree(
              ("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d','labels':{'a':'b'}},"
                      + "'spec':{'replicas':1"
                      + extraSpec
                      + ",'selector':{'matchLabels':{'a':'b'}},'template':{'metadata':{'labels':{'a':'b'}},"
                      + "'spec':{'containers':[{'name':'c','image':'i','resources':{'limits':{'cpu':'1'}}"
                      + extraContainer
                      + "}]}}}}")
                  .replace('\'', '"'));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void knownFieldsPassUntouched() {
    ObjectNode d = deployment("", "");
    ObjectNode before = d.deepCopy();
    assertThat(FieldValidation.STRICT.check(DEPLOYMENTS, d)).isEmpty();
    assertThat(d).isEqualTo(before);
  }

  @Test
  void strictRejectsUnknownFieldsNamingEachPath() {
    ObjectNode d = deployment(",'replica':2", ",'imagePullPolicyy':'Always'");
    assertThatThrownBy(() -> FieldValidation.STRICT.check(DEPLOYMENTS, d))
        .isInstanceOf(ApiException.class)
        .hasMessage(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding"
                + " error: unknown field \"spec.replica\", unknown field"
                + " \"spec.template.spec.containers[0].imagePullPolicyy\"")
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
  }

  @Test
  void fieldsOfInlinedMessagesAreKnownAndTheirTyposAreNot() {
    // A probe's handler (exec, httpGet, tcpSocket, grpc) is inlined into the Probe message.
    ObjectNode ok =
        deployment(
            "",
            ",'readinessProbe':{'httpGet':{'path':'/','port':80},'periodSeconds':1},"
                + "'livenessProbe':{'exec':{'command':['true']}},"
                + "'lifecycle':{'preStop':{'sleep':{'seconds':1}}}");
    assertThat(FieldValidation.STRICT.check(DEPLOYMENTS, ok)).isEmpty();

    ObjectNode typo = deployment("", ",'readinessProbe':{'httpGett':{'port':80}}");
    assertThatThrownBy(() -> FieldValidation.STRICT.check(DEPLOYMENTS, typo))
        .hasMessageContaining(
            "unknown field \"spec.template.spec.containers[0].readinessProbe.httpGett\"");
  }

  @Test
  void warnDropsUnknownFieldsAndReportsThem() {
    ObjectNode d = deployment(",'replica':2", "");
    assertThat(FieldValidation.WARN.check(DEPLOYMENTS, d))
        .containsExactly("unknown field \"spec.replica\"");
    assertThat(d.path("spec").has("replica")).isFalse();
    assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void ignoreDropsSilently() {
    ObjectNode d = deployment(",'replica':2", "");
    assertThat(FieldValidation.IGNORE.check(DEPLOYMENTS, d)).isEmpty();
    assertThat(d.path("spec").has("replica")).isFalse();
  }

  @Test
  void parsesTheDirective() {
    assertThat(FieldValidation.parse(null)).isEqualTo(FieldValidation.WARN);
    assertThat(FieldValidation.parse("Strict")).isEqualTo(FieldValidation.STRICT);
    assertThatThrownBy(() -> FieldValidation.parse("strict"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("supported values");
  }

  @Test
  void warningHeaderQuotesEachWarning() {
    assertThat(
            FieldValidation.warningHeader(
                java.util.List.of("unknown field \"a\"", "unknown field \"b\"")))
        .isEqualTo("299 - \"unknown field \\\"a\\\"\", 299 - \"unknown field \\\"b\\\"\"");
  }

  @Test
  void aValueOfTheWrongJsonTypeIsABadRequestWhateverTheDirective() {
    for (FieldValidation fv : FieldValidation.values()) {
      assertThatThrownBy(() -> fv.check(DEPLOYMENTS, deployment(",'paused':'yes'", "")))
          .isInstanceOf(ApiException.class)
          .hasMessage(
              "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot"
                  + " unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool")
          .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
    }
    assertThatThrownBy(
            () ->
                FieldValidation.WARN.check(
                    DEPLOYMENTS, deployment("", ",'ports':[{'containerPort':'eighty'}]")))
        .hasMessageEndingWith(
            "json: cannot unmarshal string into Go struct field"
                + " ContainerPort.spec.template.spec.containers.ports.containerPort of type int32");
    assertThatThrownBy(
            () -> FieldValidation.WARN.check(DEPLOYMENTS, deployment(",'replicas':3000000000", "")))
        .hasMessageEndingWith(
            "cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas"
                + " of type int32");
    ObjectNode numberAnnotation = deployment("", "");
    ((ObjectNode) numberAnnotation.get("metadata")).putObject("annotations").put("n", 5);
    assertThatThrownBy(() -> FieldValidation.WARN.check(DEPLOYMENTS, numberAnnotation))
        .hasMessageEndingWith(
            "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations of"
                + " type string");
    ObjectNode boolLabel = deployment("", "");
    ((ObjectNode) boolLabel.get("metadata").get("labels")).put("a", true);
    assertThatThrownBy(() -> FieldValidation.IGNORE.check(DEPLOYMENTS, boolLabel))
        .hasMessageEndingWith(
            "json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type"
                + " string");
    assertThatThrownBy(
            () -> FieldValidation.WARN.check(DEPLOYMENTS, deployment("", ",'args':'sleep 1'")))
        .hasMessageEndingWith(
            "into Go struct field Container.spec.template.spec.containers.args"
                + " of type []string");
  }
}
