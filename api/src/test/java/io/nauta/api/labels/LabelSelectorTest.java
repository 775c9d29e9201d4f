package io.nauta.api.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

  static Stream<Arguments> validSelectors() {
    return Stream.of(
        Arguments.of("empty string selects everything", "", ""),
        Arguments.of("blank string selects everything", " \t\n", ""),
        Arguments.of("equality", "x=a", "x=a"),
        Arguments.of("double equality keeps its spelling", "x==a", "x==a"),
        Arguments.of("inequality", "x!=a", "x!=a"),
        Arguments.of("set values are sorted and deduplicated", "x in (b,a,a)", "x in (a,b)"),
        Arguments.of("notin", "x notin (a)", "x notin (a)"),
        Arguments.of("exists", "x", "x"),
        Arguments.of("does not exist", "!x", "!x"),
        Arguments.of("greater than", "x>1", "x>1"),
        Arguments.of("less than", "x<10", "x<10"),
        Arguments.of("requirements are sorted by key", "z=1,a=2", "a=2,z=1"),
        Arguments.of("one key keeps written order", "x=a,x!=b", "x=a,x!=b"),
        Arguments.of("whitespace is tolerated", "  x = a ,  y in ( b , c ) ", "x=a,y in (b,c)"),
        Arguments.of("missing exact value is empty", "x=", "x="),
        Arguments.of("empty set means the empty value", "x in ()", "x in ()"),
        Arguments.of("leading comma adds the empty value", "x in (,a)", "x in (,a)"),
        Arguments.of("double comma adds the empty value", "x in (a,,b)", "x in (,a,b)"),
        Arguments.of("trailing comma adds the empty value", "x notin (a,)", "x notin (,a)"),
        Arguments.of("keywords are keys and values", "in in (in,notin)", "in in (in,notin)"),
        Arguments.of("notin as a key", "notin notin (x)", "notin notin (x)"),
        Arguments.of("keyword as an exact value", "x=in", "x=in"),
        Arguments.of("prefixed keys", "example.com/app=web", "example.com/app=web"),
        Arguments.of("unary requirements mix", "!a,b", "!a,b"),
        Arguments.of("operators need no spaces", "a in(x),b notin(y)", "a in (x),b notin (y)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSelectors")
  void parsesToCanonicalForm(String name, String input, String canonical) {
    LabelSelector s = LabelSelector.parse(input);
    assertThat(s.toString()).isEqualTo(canonical);
    assertThat(LabelSelector.parse(canonical)).isEqualTo(s);
  }

  static Stream<Arguments> invalidSelectors() {
    return Stream.of(
        Arguments.of(
            "bad value characters",
            "x=a||y=b",
            "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": a valid label"),
        Arguments.of("second operator", "x==a==b", "found '==', expected: ',' or 'end of string'"),
        Arguments.of("negated equality", "!x=a", "found '=', expected: ',' or 'end of string'"),
        Arguments.of(
            "non-integer lt",
            "x<a",
            "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt'"
                + " operators, the value must be an integer"),
        Arguments.of("fractional gt", "x>1.5", "the value must be an integer"),
        Arguments.of("empty gt", "x>", "the value must be an integer"),
        Arguments.of("negative gt is not a label value", "x>-1", "a valid label must be"),
        Arguments.of(
            "unclosed set",
            "x in (a",
            "unable to parse requirement: found '', expected: ',' or ')'"),
        Arguments.of(
            "set without parenthesis",
            "x in a",
            "unable to parse requirement: found 'a' expected: '('"),
        Arguments.of("space separated set", "x in (a b)", "found 'b', expected: ',' or ')'"),
        Arguments.of("notin without set", "x notin", "found '' expected: '('"),
        Arguments.of("trailing comma", "a,", "found '', expected: identifier after ','"),
        Arguments.of(
            "leading comma", ",a", "found ',', expected: !, identifier, or 'end of string'"),
        Arguments.of(
            "missing operator",
            "a b",
            "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        Arguments.of(
            "bare bang", "!", "unable to parse requirement: found '', expected: identifier"),
        Arguments.of(
            "double bang", "!!a", "unable to parse requirement: found '!', expected: identifier"),
        Arguments.of(
            "invalid key",
            "a/b/c",
            "unable to parse requirement: key: Invalid value: \"a/b/c\": a qualified name"),
        Arguments.of("uppercase prefix", "Example.com/a", "prefix part a lowercase RFC 1123"),
        Arguments.of("parenthesis as value", "x=(", "found '(', expected: identifier"),
        Arguments.of(
            "operator inside set", "x in (a,=)", "found '=', expected: ',', or identifier"),
        Arguments.of(
            "operator opening set", "x in (=)", "found '=', expected: ',', ')' or identifier"),
        Arguments.of("two values", "a=b c", "found 'c', expected: ',' or 'end of string'"),
        Arguments.of("value too long", "a=" + "v".repeat(64), "must be no more than 63 characters"),
        Arguments.of("starts with operator", "=a", "found '=', expected: !, identifier"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSelectors")
  void rejectsMalformedSelectors(String name, String input, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(input))
        .isInstanceOf(SelectorParseException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((SelectorParseException) e).input()).isEqualTo(input));
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        Arguments.of("equality matches", "x=a", "x=a", true),
        Arguments.of("equality mismatches", "x=a", "x=b", false),
        Arguments.of("equality needs the key", "x=a", "", false),
        Arguments.of("inequality matches objects without the key", "x!=a", "", true),
        Arguments.of("inequality rejects the value", "x!=a", "x=a", false),
        Arguments.of("inequality accepts other values", "x!=a", "x=b", true),
        Arguments.of("in matches a member", "x in (a,b)", "x=b", true),
        Arguments.of("in needs the key", "x in (a,b)", "", false),
        Arguments.of("notin matches objects without the key", "x notin (a)", "", true),
        Arguments.of("notin rejects a member", "x notin (a)", "x=a", false),
        Arguments.of("notin accepts a non-member", "x notin (a)", "x=c", true),
        Arguments.of("exists matches an empty value", "x", "x=", true),
        Arguments.of("exists needs the key", "x", "y=a", false),
        Arguments.of("does-not-exist matches without the key", "!x", "y=a", true),
        Arguments.of("does-not-exist rejects the key", "!x", "x=a", false),
        Arguments.of("gt compares integers", "x>1", "x=2", true),
        Arguments.of("gt is strict", "x>1", "x=1", false),
        Arguments.of("gt needs an integer label", "x>1", "x=a", false),
        Arguments.of("gt needs the key", "x>1", "", false),
        Arguments.of("lt handles negative labels", "x<1", "x=-5", true),
        Arguments.of("lt with an int64 overflowing label", "x<1", "x=99999999999999999999", false),
        Arguments.of("empty exact value needs the key", "x=", "", false),
        Arguments.of("empty exact value matches an empty label", "x=", "x=", true),
        Arguments.of("empty inequality matches without the key", "x!=", "", true),
        Arguments.of("everything matches anything", "", "a=b", true),
        Arguments.of("all requirements must hold", "x=a,y", "x=a", false),
        Arguments.of("conjunction holds", "x=a,y", "x=a;y=z", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void matchesLikeKubernetes(String name, String selector, String labels, boolean expected) {
    assertThat(LabelSelector.parse(selector).matches(labels(labels))).isEqualTo(expected);
  }

  @Test
  void nothingMatchesNothingAndDiffersFromEverything() {
    assertThat(LabelSelector.nothing().matches(Map.of())).isFalse();
    assertThat(LabelSelector.nothing().matchesNothing()).isTrue();
    assertThat(LabelSelector.nothing().isEmpty()).isFalse();
    assertThat(LabelSelector.nothing()).isNotEqualTo(LabelSelector.everything());
    assertThat(LabelSelector.nothing().and(Requirement.of("a", Operator.EXISTS)).matchesNothing())
        .isTrue();
    assertThat(LabelSelector.everything().isEmpty()).isTrue();
    assertThat(LabelSelector.everything().matches(null)).isTrue();
    assertThat(LabelSelector.parse(null)).isEqualTo(LabelSelector.everything());
  }

  @Test
  void requiresExactMatchFindsPinnedValues() {
    LabelSelector s = LabelSelector.parse("a=1,b in (2),c in (3,4),d!=5");
    assertThat(s.requiresExactMatch("a")).contains("1");
    assertThat(s.requiresExactMatch("b")).contains("2");
    assertThat(s.requiresExactMatch("c")).isEmpty();
    assertThat(s.requiresExactMatch("d")).isEmpty();
    assertThat(s.requiresExactMatch("e")).isEmpty();
  }

  @Test
  void fromSetBuildsEqualities() {
    LabelSelector s = LabelSelector.fromSet(Map.of("b", "2", "a", "1"));
    assertThat(s.toString()).isEqualTo("a=1,b=2");
    assertThat(LabelSelector.fromSet(Map.of())).isEqualTo(LabelSelector.everything());
  }

  @Test
  void requirementsAreValidatedOnConstruction() {
    assertThatThrownBy(() -> Requirement.of("a", Operator.IN))
        .isInstanceOf(SelectorParseException.class)
        .hasMessageContaining("values set can't be empty");
    assertThatThrownBy(() -> Requirement.of("a", Operator.EQUALS, "x", "y"))
        .hasMessageContaining("exact-match compatibility requires one single value");
    assertThatThrownBy(() -> Requirement.of("a", Operator.EXISTS, "x"))
        .hasMessageContaining("values set must be empty for exists and does not exist");
    assertThatThrownBy(() -> Requirement.of("a", Operator.GREATER_THAN, "1", "2"))
        .hasMessageContaining("exactly one value is required");
    assertThatThrownBy(() -> Requirement.of("a b", Operator.EXISTS))
        .hasMessageStartingWith("key: Invalid value: \"a b\"");
    assertThat(Requirement.of("a", Operator.IN, "z", "y").toString()).isEqualTo("a in (y,z)");
    assertThat(Requirement.of("a", Operator.IN, "z", "y").values()).containsExactly("z", "y");
  }

  @Test
  void exposesRequirementsSortedByKey() {
    assertThat(LabelSelector.parse("b!=1,a notin (x,y)").requirements())
        .containsExactly(
            new Requirement("a", Operator.NOT_IN, List.of("x", "y")),
            new Requirement("b", Operator.NOT_EQUALS, List.of("1")));
  }

  /** "k=v;k2=v2" as a map; "" is no labels, "k=" an empty value. */
  static Map<String, String> labels(String spec) {
    Map<String, String> m = new LinkedHashMap<>();
    if (!spec.isEmpty()) {
      for (String kv : spec.split(";")) {
        int eq = kv.indexOf('=');
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }
}
