package io.nauta.api.validation;

import static io.nauta.api.validation.ObjectMetaValidationTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldReaderTest {
  private final List<FieldError> errors = new ArrayList<>();
  private final FieldReader reader = new FieldReader(errors);
  private final FieldPath at = FieldPath.of("spec");

  @Test
  void readsTypedFields() {
    JsonNode n =
        json("{'s':'x','i':5,'b':true,'o':{},'a':[],'m':{'k':'v','n':null},'l':['a',null]}");
    assertThat(reader.string(n, "s", at)).contains("x");
    assertThat(reader.integer(n, "i", at)).contains(5L);
    assertThat(reader.bool(n, "b", at)).contains(true);
    assertThat(reader.object(n, "o", at)).isPresent();
    assertThat(reader.array(n, "a", at)).isPresent();
    assertThat(reader.stringMap(n, "m", at)).containsEntry("k", "v").containsEntry("n", "");
    assertThat(reader.stringList(n, "l", at)).containsExactly("a", "");
    assertThat(errors).isEmpty();
  }

  @Test
  void absentFieldsAreNotErrors() {
    JsonNode n = json("{'s':null}");
    assertThat(reader.string(n, "s", at)).isEmpty();
    assertThat(reader.integer(n, "missing", at)).isEmpty();
    assertThat(reader.stringMap(null, "m", at)).isEmpty();
    assertThat(reader.stringList(json("5"), "l", at)).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void recordsWrongTypesWithTheirPaths() {
    JsonNode n = json("{'s':1,'i':1.5,'big':123456789012345678901234,'m':{'k':[]},'l':[1]}");
    assertThat(reader.string(n, "s", at.child("s"))).isEmpty();
    assertThat(reader.integer(n, "i", at.child("i"))).isEmpty();
    assertThat(reader.integer(n, "big", at.child("big"))).isEmpty();
    assertThat(reader.stringMap(n, "m", at.child("m"))).isEmpty();
    assertThat(reader.stringList(n, "l", at.child("l"))).isEmpty();
    assertThat(errors)
        .extracting(FieldError::message)
        .containsExactly(
            "spec.s: Invalid value: \"integer\": must be of type string",
            "spec.i: Invalid value: \"number\": must be of type integer",
            "spec.big: Invalid value: \"123456789012345678901234\": must fit in a 64-bit integer",
            "spec.m[k]: Invalid value: \"array\": must be of type string",
            "spec.l[0]: Invalid value: \"integer\": must be of type string");
  }

  @Test
  void buildsKubernetesStylePaths() {
    assertThat(FieldPath.of("spec").child("containers").index(0).child("env").key("a").toString())
        .isEqualTo("spec.containers[0].env[a]");
    assertThat(FieldPath.ROOT.child("a").toString()).isEqualTo("a");
  }

  @Test
  void summarizesErrorsLikeAnAggregate() {
    FieldError a = FieldError.required("a", "");
    FieldError b = FieldError.tooLong("b", 3);
    assertThat(FieldError.summarize(List.of())).isEmpty();
    assertThat(FieldError.summarize(List.of(a))).isEqualTo("a: Required value");
    assertThat(FieldError.summarize(List.of(a, b)))
        .isEqualTo("[a: Required value, b: Too long: must have at most 3 bytes]");
    assertThat(FieldError.invalid("", "x", "bad").message()).isEqualTo("Invalid value: \"x\": bad");
  }
}
