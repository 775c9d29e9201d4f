package io.nauta.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectMetaValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses JSON written with single quotes. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static Arguments row(String name, String meta, boolean namespaced, String... messagePrefixes) {
    return Arguments.of(name, meta, namespaced, List.of(messagePrefixes));
  }

  static Stream<Arguments> createCases() {
    String ok = "'name':'web','namespace':'default'";
    return Stream.of(
        row("valid namespaced object", "{" + ok + "}", true),
        row("valid cluster-scoped object", "{'name':'node-1'}", false),
        row(
            "name is required",
            "{'namespace':'default'}",
            true,
            "metadata.name: Required value: name or generateName is required"),
        row("generateName replaces name", "{'generateName':'web-','namespace':'a'}", true),
        row(
            "generateName is checked as a prefix",
            "{'generateName':'Web-','namespace':'a'}",
            true,
            "metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain"),
        row(
            "name uses the resource's rule",
            "{'name':'Web','namespace':'a'}",
            true,
            "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain"),
        row("namespace is required", "{'name':'a'}", true, "metadata.namespace: Required value"),
        row(
            "namespace is a DNS label",
            "{'name':'a','namespace':'my.ns'}",
            true,
            "metadata.namespace: Invalid value: \"my.ns\": a lowercase RFC 1123 label"),
        row(
            "namespace is forbidden on cluster-scoped objects",
            "{'name':'a','namespace':'x'}",
            false,
            "metadata.namespace: Forbidden: not allowed on this type"),
        row(
            "a mistyped name is one error",
            "{'name':5,'namespace':'a'}",
            true,
            "metadata.name: Invalid value: \"integer\": must be of type string"),
        row(
            "label keys are qualified names",
            "{" + ok + ",'labels':{'a/b/c':'x'}}",
            true,
            "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist"),
        row(
            "label values are label values",
            "{" + ok + ",'labels':{'a':'-x'}}",
            true,
            "metadata.labels: Invalid value: \"-x\": a valid label must be"),
        row(
            "labels are an object",
            "{" + ok + ",'labels':[]}",
            true,
            "metadata.labels: Invalid value: \"array\": must be of type object"),
        row(
            "label values are strings",
            "{" + ok + ",'labels':{'a':true}}",
            true,
            "metadata.labels[a]: Invalid value: \"boolean\": must be of type string"),
        row(
            "annotation keys are qualified names",
            "{" + ok + ",'annotations':{'a b':'x'}}",
            true,
            "metadata.annotations: Invalid value: \"a b\": name part must consist"),
        row(
            "annotation keys ignore case",
            "{" + ok + ",'annotations':{'Example.com/Foo':'any value at all!'}}",
            true),
        row(
            "finalizers are qualified names",
            "{" + ok + ",'finalizers':['a/b/c']}",
            true,
            "metadata.finalizers: Invalid value: \"a/b/c\": a qualified name must consist"),
        row(
            "orphan and foreground deletion exclude each other",
            "{" + ok + ",'finalizers':['orphan','foregroundDeletion']}",
            true,
            "metadata.finalizers: Invalid value: \"[orphan, foregroundDeletion]\": finalizer orphan"
                + " and foregroundDeletion cannot be both set"),
        row(
            "repeated finalizers are allowed, as in Kubernetes",
            "{" + ok + ",'finalizers':['example.com/a','example.com/a']}",
            true),
        row(
            "owner references need every identifying field",
            "{" + ok + ",'ownerReferences':[{}]}",
            true,
            "metadata.ownerReferences[0].apiVersion: Invalid value: \"\": version must not be empty",
            "metadata.ownerReferences[0].kind: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences[0].name: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences[0].uid: Invalid value: \"\": must not be empty"),
        row(
            "owner apiVersion needs a version",
            "{"
                + ok
                + ",'ownerReferences':[{'apiVersion':'a/b/c','kind':'K','name':'n','uid':'u'}]}",
            true,
            "metadata.ownerReferences[0].apiVersion: Invalid value: \"a/b/c\": version must not be"),
        row(
            "events cannot own objects",
            "{"
                + ok
                + ",'ownerReferences':[{'apiVersion':'v1','kind':'Event','name':'n','uid':'u'}]}",
            true,
            "metadata.ownerReferences[0]: Invalid value: \"v1/Event\": /v1, Kind=Event is disallowed"),
        row(
            "only one controller",
            "{"
                + ok
                + ",'ownerReferences':["
                + "{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'a','uid':'1','controller':true},"
                + "{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'b','uid':'2','controller':true}]}",
            true,
            "metadata.ownerReferences: Invalid value: \"[ReplicaSet/a ReplicaSet/b]\": Only one"
                + " reference can have Controller set to true. Found \"true\" in references for"
                + " ReplicaSet/a and ReplicaSet/b"),
        row(
            "controller is a boolean",
            "{"
                + ok
                + ",'ownerReferences':[{'apiVersion':'v1','kind':'K','name':'n','uid':'u','controller':'yes'}]}",
            true,
            "metadata.ownerReferences[0].controller: Invalid value: \"string\": must be of type boolean"),
        row("resourceVersion of digits", "{" + ok + ",'resourceVersion':'123'}", true),
        row(
            "resourceVersion must be digits",
            "{" + ok + ",'resourceVersion':'abc'}",
            true,
            "metadata.resourceVersion: Invalid value: \"abc\": must be a string of decimal digits"),
        row(
            "resourceVersion must be a string",
            "{" + ok + ",'resourceVersion':123}",
            true,
            "metadata.resourceVersion: Invalid value: \"integer\": must be of type string"),
        row(
            "resourceVersion must fit uint64",
            "{" + ok + ",'resourceVersion':'18446744073709551616'}",
            true,
            "metadata.resourceVersion: Invalid value: \"18446744073709551616\""),
        row(
            "generation is non-negative",
            "{" + ok + ",'generation':-1}",
            true,
            "metadata.generation: Invalid value: \"-1\": must be greater than or equal to 0"),
        row(
            "timestamps are RFC 3339",
            "{" + ok + ",'creationTimestamp':'2024-01-02T03:04:05Z'}",
            true),
        row(
            "bad timestamps are rejected",
            "{" + ok + ",'creationTimestamp':'yesterday'}",
            true,
            "metadata.creationTimestamp: Invalid value: \"yesterday\": must be an RFC 3339 date-time"),
        row(
            "managed fields operations",
            "{"
                + ok
                + ",'managedFields':[{'manager':'kubectl','operation':'Patch','fieldsType':'FieldsV2'}]}",
            true,
            "metadata.managedFields[0].operation: Invalid value: \"Patch\": must be `Apply` or `Update`",
            "metadata.managedFields[0].fieldsType: Invalid value: \"FieldsV2\": must be `FieldsV1`"),
        row(
            "managed field managers are printable",
            "{" + ok + ",'managedFields':[{'manager':'a\\u0007','operation':'Apply'}]}",
            true,
            "metadata.managedFields[0].manager: Invalid value: \"a\u0007\": invalid character U+0007"
                + " (at position 1)"),
        row(
            "metadata is an object",
            "'web'",
            true,
            "metadata: Invalid value: \"string\": must be of type object"),
        row(
            "absent metadata lacks name and namespace",
            "null",
            true,
            "metadata.name: Required value",
            "metadata.namespace: Required value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void validatesCreate(String name, String meta, boolean namespaced, List<String> expected) {
    List<FieldError> errs =
        ObjectMetaValidation.validate(json(meta), namespaced, NameValidation::dns1123Subdomain);
    assertThat(errs).extracting(FieldError::message).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(errs.get(i).message()).startsWith(expected.get(i));
    }
  }

  @Test
  void limitsTotalAnnotationSize() {
    ObjectNode meta = (ObjectNode) json("{'name':'a','namespace':'b'}");
    meta.putObject("annotations").put("a", "x".repeat(262_143));
    assertThat(ObjectMetaValidation.validate(meta, true, NameValidation::dns1123Subdomain))
        .isEmpty();
    ((ObjectNode) meta.get("annotations")).put("a", "x".repeat(262_144));
    assertThat(ObjectMetaValidation.validate(meta, true, NameValidation::dns1123Subdomain))
        .extracting(FieldError::message)
        .containsExactly("metadata.annotations: Too long: must have at most 262144 bytes");
    ((ObjectNode) meta.get("annotations")).put("a", "é".repeat(131_072));
    assertThat(ObjectMetaValidation.validate(meta, true, NameValidation::dns1123Subdomain))
        .as("sizes are counted in UTF-8 bytes")
        .hasSize(1);
  }

  @Test
  void validatesEmbeddedMetadataAtItsPath() {
    FieldPath path = FieldPath.of("spec").child("template").child("metadata");
    List<FieldError> errs =
        ObjectMetaValidation.validate(
            json("{'name':'x','labels':{'a':'-'}}"), false, NameValidation::dns1123Label, path);
    assertThat(errs).extracting(FieldError::field).containsExactly("spec.template.metadata.labels");
  }

  @Test
  void pathSegmentNamesAllowDotsInsideOnly() {
    assertThat(
            ObjectMetaValidation.validate(
                json("{'name':'system:admin'}"), false, NameValidation::pathSegmentName))
        .isEmpty();
    assertThat(
            ObjectMetaValidation.validate(
                json("{'name':'..'}"), false, NameValidation::pathSegmentName))
        .extracting(FieldError::message)
        .containsExactly("metadata.name: Invalid value: \"..\": may not be '..'");
  }

  @Test
  void warnsAboutUnqualifiedAndRepeatedFinalizers() {
    assertThat(
            ObjectMetaValidation.warnings(
                json("{'finalizers':['kubernetes','foo','example.com/a','example.com/a']}")))
        .containsExactly(
            "metadata.finalizers: \"foo\": prefer a domain-qualified finalizer name to avoid"
                + " accidental conflicts with other finalizer writers",
            "metadata.finalizers: \"example.com/a\": duplicate finalizer name");
    assertThat(ObjectMetaValidation.warnings(null)).isEmpty();
  }
}
