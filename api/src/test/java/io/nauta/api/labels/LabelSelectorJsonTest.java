package io.nauta.api.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.nauta.api.selection.SelectorParseException;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static Stream<Arguments> validObjects() {
    return Stream.of(
        Arguments.of("empty object selects everything", "{}", ""),
        Arguments.of(
            "empty fields select everything", "{'matchLabels':{},'matchExpressions':[]}", ""),
        Arguments.of("null fields select everything", "{'matchLabels':null}", ""),
        Arguments.of("match labels", "{'matchLabels':{'b':'2','a':'1'}}", "a=1,b=2"),
        Arguments.of(
            "all operators",
            "{'matchExpressions':[{'key':'a','operator':'In','values':['y','x']},"
                + "{'key':'b','operator':'NotIn','values':['z']},"
                + "{'key':'c','operator':'Exists'},{'key':'d','operator':'DoesNotExist','values':[]}]}",
            "a in (x,y),b notin (z),c,!d"),
        Arguments.of(
            "labels and expressions combine",
            "{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'tier','operator':'Exists'}]}",
            "app=web,tier"),
        Arguments.of("null label value is empty", "{'matchLabels':{'a':null}}", "a="),
        Arguments.of("unknown fields are ignored", "{'matchLabels':{'a':'1'},'other':5}", "a=1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validObjects")
  void convertsObjects(String name, String json, String canonical) {
    LabelSelector s = LabelSelector.fromJson(json(json));
    assertThat(s.toString()).isEqualTo(canonical);
    assertThat(s.matchesNothing()).isFalse();
    assertThat(LabelSelector.validate(json(json), FieldPath.of("spec").child("selector")))
        .isEmpty();
  }

  static Stream<Arguments> invalidObjects() {
    return Stream.of(
        Arguments.of(
            "not an object",
            "[]",
            "spec.selector: Invalid value: \"array\": must be of type object"),
        Arguments.of(
            "bad operator",
            "{'matchExpressions':[{'key':'a','operator':'Gt','values':['1']}]}",
            "spec.selector.matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator"),
        Arguments.of(
            "in without values",
            "{'matchExpressions':[{'key':'a','operator':'In'}]}",
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"),
        Arguments.of(
            "exists with values",
            "{'matchExpressions':[{'key':'a','operator':'Exists','values':['x']}]}",
            "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        Arguments.of(
            "bad key",
            "{'matchExpressions':[{'key':'a b','operator':'Exists'}]}",
            "spec.selector.matchExpressions[0].key: Invalid value: \"a b\": name part must consist"),
        Arguments.of(
            "bad expression value",
            "{'matchExpressions':[{'key':'a','operator':'In','values':['-x']}]}",
            "spec.selector.matchExpressions[0].values[0]: Invalid value: \"-x\": a valid label"),
        Arguments.of(
            "bad label key",
            "{'matchLabels':{'a/b/c':'x'}}",
            "spec.selector.matchLabels: Invalid value: \"a/b/c\": a qualified name"),
        Arguments.of(
            "bad label value",
            "{'matchLabels':{'a':'x y'}}",
            "spec.selector.matchLabels: Invalid value: \"x y\": a valid label"),
        Arguments.of(
            "number label value",
            "{'matchLabels':{'a':1}}",
            "spec.selector.matchLabels[a]: Invalid value: \"integer\": must be of type string"),
        Arguments.of(
            "expressions not an array",
            "{'matchExpressions':{}}",
            "spec.selector.matchExpressions: Invalid value: \"object\": must be of type array"),
        Arguments.of(
            "null expression",
            "{'matchExpressions':[null]}",
            "spec.selector.matchExpressions[0].operator: Invalid value: \"\": not a valid selector operator"),
        Arguments.of(
            "values not strings",
            "{'matchExpressions':[{'key':'a','operator':'In','values':[true]}]}",
            "spec.selector.matchExpressions[0].values[0]: Invalid value: \"boolean\": must be of type string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidObjects")
  void reportsInvalidObjects(String name, String json, String firstMessage) {
    List<FieldError> errs =
        LabelSelector.validate(json(json), FieldPath.of("spec").child("selector"));
    assertThat(errs).isNotEmpty();
    assertThat(errs.get(0).message()).startsWith(firstMessage);
    String unprefixed = firstMessage.replace("spec.selector.", "").replace("spec.selector: ", "");
    assertThatThrownBy(() -> LabelSelector.fromJson(json(json)))
        .isInstanceOf(SelectorParseException.class)
        .hasMessageContaining(unprefixed.substring(0, Math.min(unprefixed.length(), 40)));
  }

  @Test
  void absentSelectorObjectMatchesNothing() {
    assertThat(LabelSelector.fromJson(null).matchesNothing()).isTrue();
    assertThat(LabelSelector.fromJson(NullNode.getInstance()).matchesNothing()).isTrue();
    assertThat(LabelSelector.fromJson(MissingNode.getInstance()).matches(Map.of())).isFalse();
    assertThat(LabelSelector.fromJson(json("{}")).matches(Map.of())).isTrue();
    assertThat(LabelSelector.validate(null, FieldPath.ROOT)).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnce() {
    List<FieldError> errs =
        LabelSelector.validate(
            json("{'matchLabels':{'-a':'-b'},'matchExpressions':[{'key':'','operator':'x'}]}"),
            FieldPath.ROOT);
    assertThat(errs)
        .extracting(FieldError::field)
        .containsExactly(
            "matchLabels",
            "matchLabels",
            "matchExpressions[0].operator",
            "matchExpressions[0].key");
  }
}
