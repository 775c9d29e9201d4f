package io.nauta.apiserver.resources.selector;

import static io.nauta.apiserver.resources.TestObjects.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{} | <none>",
        "{\"matchLabels\":{\"b\":\"2\",\"a\":\"1\"}} | a=1,b=2",
        "{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"web\",\"api\"]}]} | tier in (api,web)",
        "{\"matchExpressions\":[{\"key\":\"legacy\",\"operator\":\"DoesNotExist\"}]} | !legacy",
      })
  void formatsSelectorsAsKubectlPrintsThem(String json, String expected) {
    assertThat(LabelSelectors.format(parse(json))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"matchLabels\":{\"app\":\"web\"}} | web | true",
        "{\"matchLabels\":{\"app\":\"web\"}} | api | false",
        "{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"NotIn\",\"values\":[\"api\"]}]} | web | true",
        "{} | api | true",
      })
  void matchesTemplateLabels(String json, String app, boolean matches) {
    assertThat(LabelSelectors.matches(parse(json), Map.of("app", app))).isEqualTo(matches);
  }

  @org.junit.jupiter.api.Test
  void absentSelectorsMatchNothing() {
    assertThat(LabelSelectors.matches(null, Map.of())).isFalse();
    assertThat(LabelSelectors.formatLabels(Map.of())).isEqualTo("<none>");
    assertThat(LabelSelectors.goMap(Map.of("a", "1"))).isEqualTo("map[string]string{\"a\":\"1\"}");
  }
}
