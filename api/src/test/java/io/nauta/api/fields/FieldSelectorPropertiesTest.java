package io.nauta.api.fields;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** Fuzzes the field selector decoder, which takes input straight from clients. */
class FieldSelectorPropertiesTest {

  @Provide
  Arbitrary<String> selectorish() {
    Arbitrary<String> soup =
        Arbitraries.of(
                "a", "metadata.name", "=", "==", "!=", "!", ",", "\\", "\\,", "\\=", "x", " ", "é")
            .list()
            .ofMaxSize(10)
            .map(l -> String.join("", l));
    return Arbitraries.oneOf(soup, Arbitraries.strings().ofMaxLength(30));
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void parseThrowsOnlySelectorParseExceptionAndIsStable(@ForAll("selectorish") String input) {
    FieldSelector s;
    try {
      s = FieldSelector.parse(input);
    } catch (SelectorParseException rejected) {
      Statistics.collect("rejected");
      return;
    }
    Statistics.collect("parsed");
    Statistics.coverage(c -> c.check("parsed").percentage(p -> p > 5));
    assertThat(FieldSelector.parse(s.toString())).isEqualTo(s);
  }

  @Provide
  Arbitrary<FieldSelector> selectors() {
    Arbitrary<String> field =
        Arbitraries.strings().withChars("abcdz.XY_[]-").ofMinLength(1).ofMaxLength(12);
    Arbitrary<Requirement> requirement =
        Combinators.combine(
                field,
                Arbitraries.of(Operator.EQUALS, Operator.NOT_EQUALS),
                Arbitraries.strings().ofMaxLength(10))
            .as(Requirement::new);
    return requirement.list().ofMaxSize(4).map(FieldSelector::of);
  }

  @Property(tries = 1000)
  void generatedSelectorsRoundTrip(@ForAll("selectors") FieldSelector selector) {
    assertThat(FieldSelector.parse(selector.toString())).isEqualTo(selector);
  }

  @Property(tries = 1000)
  void escapingRoundTripsAnyValue(@ForAll String value) {
    String escaped = FieldSelector.escapeValue(value);
    assertThat(FieldSelector.unescapeValue(escaped)).isEqualTo(value);
    assertThat(FieldSelector.parse("f=" + escaped).requirements())
        .isEqualTo(List.of(new Requirement("f", Operator.EQUALS, value)));
  }
}
