package io.nauta.node.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpansionTest {
  private static final Map<String, String> ENV =
      Map.of("VAR_A", "A", "VAR_B", "B", "VAR_EMPTY", "", "DOLLAR", "$", "REF", "$(VAR_A)");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no references", "plain text", "plain text"),
        Arguments.of("one reference", "$(VAR_A)", "A"),
        Arguments.of("references in text", "x-$(VAR_A)-$(VAR_B)-y", "x-A-B-y"),
        Arguments.of("adjacent references", "$(VAR_A)$(VAR_B)", "AB"),
        Arguments.of("empty value", "[$(VAR_EMPTY)]", "[]"),
        Arguments.of("unknown stays as written", "$(NOPE) and $(VAR_A)", "$(NOPE) and A"),
        Arguments.of("escaped operator", "$$(VAR_A)", "$(VAR_A)"),
        Arguments.of("double escape then reference", "$$$(VAR_A)", "$A"),
        Arguments.of("lone dollar kept", "cost: $5", "cost: $5"),
        Arguments.of("shell syntax kept", "$VAR_A ${VAR_B}", "$VAR_A ${VAR_B}"),
        Arguments.of("trailing dollar", "end$", "end$"),
        Arguments.of("trailing escaped dollar", "end$$", "end$"),
        Arguments.of("unterminated reference", "$(VAR_A", "$(VAR_A"),
        Arguments.of("unterminated after text", "x $(", "x $("),
        Arguments.of("empty name", "$()", "$()"),
        Arguments.of("values are not expanded again", "$(REF)", "$(VAR_A)"),
        Arguments.of("value that is a dollar", "$(DOLLAR)$(DOLLAR)", "$$"),
        Arguments.of("nested parentheses", "$(VAR_A$(VAR_B))", "$(VAR_A$(VAR_B))"),
        Arguments.of("unicode around", "ä$(VAR_A)€", "äA€"),
        Arguments.of("dollar before unicode", "$ä", "$ä"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expandsAsKubernetesDoes(String name, String input, String expected) {
    assertThat(Expansion.expand(input, ENV)).isEqualTo(expected);
  }
}
