package io.nauta.scheduler.framework;

import static io.nauta.scheduler.testing.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectorsTest {
  private static final Map<String, String> WEB = map("app", "web", "tier", "front");

  private static LabelSelector selector(
      Map<String, String> labels, LabelSelectorRequirement... expressions) {
    return new LabelSelector(List.of(expressions), labels);
  }

  private static LabelSelectorRequirement expr(String key, String op, String... values) {
    return new LabelSelectorRequirement(key, op, List.of(values));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("null selects nothing", null, WEB, false),
        Arguments.of("empty selects everything", selector(Map.of()), WEB, true),
        Arguments.of("empty selects unlabelled objects", selector(Map.of()), Map.of(), true),
        Arguments.of("matchLabels hit", selector(map("app", "web")), WEB, true),
        Arguments.of("matchLabels miss", selector(map("app", "db")), WEB, false),
        Arguments.of("In hit", selector(null, expr("tier", "In", "back", "front")), WEB, true),
        Arguments.of("In on a missing key", selector(null, expr("zone", "In", "a")), WEB, false),
        Arguments.of("NotIn hit", selector(null, expr("app", "NotIn", "db")), WEB, true),
        Arguments.of(
            "NotIn on a missing key holds", selector(null, expr("zone", "NotIn", "a")), WEB, true),
        Arguments.of("NotIn miss", selector(null, expr("app", "NotIn", "web")), WEB, false),
        Arguments.of("Exists", selector(null, expr("tier", "Exists")), WEB, true),
        Arguments.of("DoesNotExist", selector(null, expr("tier", "DoesNotExist")), WEB, false),
        Arguments.of(
            "labels and expressions are ANDed",
            selector(map("app", "web"), expr("tier", "In", "back")),
            WEB,
            false),
        Arguments.of(
            "unknown operator selects nothing", selector(null, expr("app", "Gt", "1")), WEB, false),
        Arguments.of(
            "In without values selects nothing", selector(null, expr("app", "In")), WEB, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compilesAsKubernetes(String name, LabelSelector s, Map<String, String> labels, boolean hit) {
    assertThat(Selectors.compile(s).matches(labels)).isEqualTo(hit);
  }

  @Test
  void labelKeysNarrowBySelfValues() {
    var base = Selectors.compile(selector(map("app", "web")));
    var narrowed =
        Selectors.withLabelKeys(
            base,
            map("app", "web", "version", "v2", "team", "x"),
            List.of("version", "absent"),
            List.of("team"));
    assertThat(narrowed.matches(map("app", "web", "version", "v2", "team", "y"))).isTrue();
    assertThat(narrowed.matches(map("app", "web", "version", "v1", "team", "y"))).isFalse();
    assertThat(narrowed.matches(map("app", "web", "version", "v2", "team", "x"))).isFalse();
    assertThat(Selectors.withLabelKeys(base, Map.of(), List.of("version"), null)).isSameAs(base);
  }
}
