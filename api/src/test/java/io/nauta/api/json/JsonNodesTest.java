package io.nauta.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonNodesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> typeNames() {
    return Stream.of(
        Arguments.of("\"x\"", "string"),
        Arguments.of("1", "integer"),
        Arguments.of("123456789012345678901234567890", "integer"),
        Arguments.of("1.5", "number"),
        Arguments.of("true", "boolean"),
        Arguments.of("{}", "object"),
        Arguments.of("[]", "array"),
        Arguments.of("null", "null"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("typeNames")
  void namesJsonTypesLikeOpenApi(String json, String type) throws Exception {
    assertThat(JsonNodes.typeName(JSON.readTree(json))).isEqualTo(type);
  }

  @Test
  void treatsMissingAndNullAsAbsent() throws Exception {
    JsonNode obj = JSON.readTree("{\"a\":null,\"b\":\"x\",\"c\":1}");
    assertThat(JsonNodes.isAbsent(null)).isTrue();
    assertThat(JsonNodes.isAbsent(NullNode.getInstance())).isTrue();
    assertThat(JsonNodes.isAbsent(MissingNode.getInstance())).isTrue();
    assertThat(JsonNodes.field(obj, "a")).isNull();
    assertThat(JsonNodes.field(obj, "zz")).isNull();
    assertThat(JsonNodes.field(JSON.readTree("[1]"), "a")).isNull();
    assertThat(JsonNodes.text(obj, "b")).contains("x");
    assertThat(JsonNodes.text(obj, "c")).isEmpty();
    assertThat(JsonNodes.typeName(null)).isEqualTo("null");
  }
}
