package io.nauta.api.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

  static Stream<Arguments> validSelectors() {
    return Stream.of(
        Arguments.of("empty selects everything", "", ""),
        Arguments.of("equality", "metadata.name=web", "metadata.name=web"),
        Arguments.of("double equality normalises", "metadata.name==web", "metadata.name=web"),
        Arguments.of("inequality", "status.phase!=Running", "status.phase!=Running"),
        Arguments.of("terms are sorted", "b=1,a=2", "a=2,b=1"),
        Arguments.of("empty terms are skipped", ",a=1,,", "a=1"),
        Arguments.of("empty value", "spec.nodeName=", "spec.nodeName="),
        Arguments.of("escaped comma", "a=x\\,y", "a=x\\,y"),
        Arguments.of("escaped equals", "a=x\\=y", "a=x\\=y"),
        Arguments.of("escaped backslash", "a=x\\\\y", "a=x\\\\y"),
        Arguments.of("bang in a value", "a=!b", "a=!b"),
        Arguments.of("bang inside a field name", "a!b=c", "a!b=c"),
        Arguments.of("no whitespace trimming", " a = b", " a = b"),
        Arguments.of("empty field name is syntax-valid", "=b", "=b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSelectors")
  void parsesToCanonicalForm(String name, String input, String canonical) {
    FieldSelector s = FieldSelector.parse(input);
    assertThat(s.toString()).isEqualTo(canonical);
    assertThat(FieldSelector.parse(canonical)).isEqualTo(s);
  }

  static Stream<Arguments> invalidSelectors() {
    return Stream.of(
        Arguments.of("no operator", "a", "invalid selector: 'a'; can't understand 'a'"),
        Arguments.of(
            "reports the term", "a=1,bad", "invalid selector: 'a=1,bad'; can't understand 'bad'"),
        Arguments.of("greater than", "a>1", "can't understand 'a>1'"),
        Arguments.of(
            "unescaped equals", "a=b=c", "invalid field selector: unescaped character in value: ="),
        Arguments.of(
            "second operator", "a!==b", "invalid field selector: unescaped character in value: ="),
        Arguments.of(
            "unknown escape", "a=\\!b", "invalid field selector: invalid escape sequence: \\!"),
        Arguments.of(
            "trailing backslash", "a=b\\", "invalid field selector: invalid escape sequence: \\"),
        Arguments.of(
            "escaped comma in the middle ends up in the value",
            "a=b\\,c=d",
            "unescaped character in value: ="));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSelectors")
  void rejectsMalformedSelectors(String name, String input, String message) {
    assertThatThrownBy(() -> FieldSelector.parse(input))
        .isInstanceOf(SelectorParseException.class)
        .hasMessageContaining(message);
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        Arguments.of("equal value", "metadata.name=web", Map.of("metadata.name", "web"), true),
        Arguments.of("other value", "metadata.name=web", Map.of("metadata.name", "db"), false),
        Arguments.of("absent field is empty", "spec.nodeName=", Map.of(), true),
        Arguments.of("absent field is not a value", "spec.nodeName=n1", Map.of(), false),
        Arguments.of("inequality with absent field", "spec.nodeName!=n1", Map.of(), true),
        Arguments.of("inequality with equal value", "a!=1", Map.of("a", "1"), false),
        Arguments.of("escaped value", "a=x\\,y", Map.of("a", "x,y"), true),
        Arguments.of("conjunction", "a=1,b!=2", Map.of("a", "1", "b", "3"), true),
        Arguments.of("conjunction fails", "a=1,b!=2", Map.of("a", "1", "b", "2"), false),
        Arguments.of("everything", "", Map.of("a", "1"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void matchesFieldValues(String name, String selector, Map<String, String> fields, boolean want) {
    assertThat(FieldSelector.parse(selector).matches(fields)).isEqualTo(want);
    assertThat(FieldSelector.parse(selector).matches(fields::get)).isEqualTo(want);
  }

  @Test
  void exposesRequirementsForFieldSupportChecks() {
    FieldSelector s = FieldSelector.parse("status.phase!=Failed,metadata.name==web");
    assertThat(s.requirements())
        .containsExactly(
            new Requirement("metadata.name", Operator.EQUALS, "web"),
            new Requirement("status.phase", Operator.NOT_EQUALS, "Failed"));
    assertThat(s.requiresExactMatch("metadata.name")).contains("web");
    assertThat(s.requiresExactMatch("status.phase")).isEmpty();
    assertThat(FieldSelector.equal("spec.nodeName", "n,1").toString())
        .isEqualTo("spec.nodeName=n\\,1");
    assertThat(FieldSelector.parse(null).isEmpty()).isTrue();
  }

  @Test
  void requirementsOnlyAllowEqualityOperators() {
    assertThat(new Requirement("a", Operator.DOUBLE_EQUALS, "b").operator())
        .isEqualTo(Operator.EQUALS);
    assertThatThrownBy(() -> new Requirement("a", Operator.IN, "b"))
        .isInstanceOf(SelectorParseException.class)
        .hasMessageContaining("not in");
  }

  @Test
  void escapesAndUnescapesValues() {
    assertThat(FieldSelector.escapeValue("a\\b,c=d!e")).isEqualTo("a\\\\b\\,c\\=d!e");
    assertThat(FieldSelector.unescapeValue("a\\\\b\\,c\\=d!e")).isEqualTo("a\\b,c=d!e");
  }
}
