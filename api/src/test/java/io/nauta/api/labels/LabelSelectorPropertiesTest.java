package io.nauta.api.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.json.JsonArbitraries;
import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import io.nauta.api.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** Fuzzes the label selector decoders, which take input straight from clients. */
class LabelSelectorPropertiesTest {
  private static final List<String> TOKENS =
      List.of(
          "a", "b", "x.y/z", "in", "notin", "=", "==", "!=", "!", "(", ")", ",", ">", "<", " ", "1",
          "-1", "A", "a-b", "_", ".", "/", "\t", "é", "\u0000");

  @Provide
  Arbitrary<String> selectorish() {
    Arbitrary<String> tokens =
        Arbitraries.of(TOKENS).list().ofMaxSize(12).map(l -> String.join("", l));
    return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(30));
  }

  @Property(tries = 1000)
  void parseThrowsOnlySelectorParseException(@ForAll("selectorish") String input) {
    try {
      LabelSelector.parse(input);
    } catch (SelectorParseException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void canonicalFormOfParsedSelectorsIsStable(@ForAll("selectorish") String input) {
    LabelSelector first;
    try {
      first = LabelSelector.parse(input);
    } catch (SelectorParseException rejected) {
      Statistics.collect("rejected");
      return;
    }
    Statistics.collect(first.isEmpty() ? "empty" : "parsed");
    LabelSelector again = LabelSelector.parse(first.toString());
    assertThat(again).isEqualTo(first);
    assertThat(again.toString()).isEqualTo(first.toString());
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void tokenSoupParsesOftenEnoughToBeUseful(@ForAll("selectorish") String input) {
    boolean parsed;
    try {
      parsed = !LabelSelector.parse(input).isEmpty();
    } catch (SelectorParseException rejected) {
      parsed = false;
    }
    Statistics.label("outcome").collect(parsed ? "parsed" : "other");
    // about 3-5 % of the soup parses; a floor of 1 % keeps the generator honest without flaking
    Statistics.label("outcome").coverage(c -> c.check("parsed").percentage(p -> p > 1));
  }

  @Provide
  Arbitrary<LabelSelector> selectors() {
    Arbitrary<String> key =
        Combinators.combine(
                Arbitraries.of("", "example.com/", "k8s.io/", "a.b-c/"),
                Arbitraries.strings().withChars("abcXYZ019").ofMinLength(1).ofMaxLength(6),
                Arbitraries.of("", "-x", "_y", ".z"))
            .as((p, n, s) -> p + n + s);
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().withChars("abc019").ofMinLength(1).ofMaxLength(5),
            Arbitraries.of("in", "notin", "a-b.c_d"));
    Arbitrary<Requirement> requirement =
        Combinators.combine(
                key,
                Arbitraries.of(Operator.values()),
                value.set().ofMaxSize(3),
                Arbitraries.longs())
            .as(
                (k, op, values, n) ->
                    switch (op) {
                      case IN, NOT_IN -> {
                        List<String> sorted = new ArrayList<>(values);
                        if (sorted.isEmpty()) {
                          sorted.add("");
                        }
                        sorted.sort(null);
                        yield new Requirement(k, op, sorted);
                      }
                      case EXISTS, DOES_NOT_EXIST -> Requirement.of(k, op);
                      case GREATER_THAN, LESS_THAN ->
                          Requirement.of(k, op, Long.toString(Math.abs(n % 1000)));
                      default ->
                          Requirement.of(k, op, values.isEmpty() ? "" : values.iterator().next());
                    });
    return requirement.list().ofMaxSize(5).map(LabelSelector::of);
  }

  @Property(tries = 1000)
  void generatedSelectorsRoundTrip(@ForAll("selectors") LabelSelector selector) {
    assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector);
  }

  @Property(tries = 500)
  void parsedSelectorsMatchLikeTheirRequirements(
      @ForAll("selectors") LabelSelector selector,
      @ForAll("labelSets") Map<String, String> labels) {
    boolean all = selector.requirements().stream().allMatch(r -> r.matches(labels));
    assertThat(LabelSelector.parse(selector.toString()).matches(labels)).isEqualTo(all);
  }

  @Provide
  Arbitrary<Map<String, String>> labelSets() {
    return Arbitraries.maps(
            Arbitraries.of("a", "b", "example.com/a", "in", "X"),
            Arbitraries.of("", "a", "b", "1", "-3", "in", "999"))
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<JsonNode> selectorObjects() {
    return JsonArbitraries.trees(
        4,
        List.of("matchLabels", "matchExpressions", "key", "operator", "values", "a", "app"),
        List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "a", "app", "", "a/b", "-x", "web"));
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void fromJsonThrowsOnlySelectorParseExceptionAndAgreesWithValidate(
      @ForAll("selectorObjects") JsonNode node) {
    boolean valid = LabelSelector.validate(node, FieldPath.ROOT).isEmpty();
    Statistics.label("valid").collect(valid);
    Statistics.label("valid").coverage(c -> c.check(true).percentage(p -> p > 5));
    try {
      LabelSelector s = LabelSelector.fromJson(node);
      assertThat(valid).as("fromJson accepted what validate rejects").isTrue();
      assertThat(LabelSelector.parse(s.toString()).toString()).isEqualTo(s.toString());
    } catch (SelectorParseException rejected) {
      assertThat(valid).as("fromJson rejected what validate accepts").isFalse();
    }
  }
}
