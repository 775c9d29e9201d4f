package io.nauta.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NameValidationTest {

  static Stream<Arguments> pathSegmentNames() {
    return Stream.of(
        Arguments.of("plain name", "admin", List.of()),
        Arguments.of("colons and dots inside", "system:node.x", List.of()),
        Arguments.of("dot", ".", List.of("may not be '.'")),
        Arguments.of("dot dot", "..", List.of("may not be '..'")),
        Arguments.of("slash", "a/b", List.of("may not contain '/'")),
        Arguments.of("percent", "a%b", List.of("may not contain '%'")),
        Arguments.of("both", "%/", List.of("may not contain '/'", "may not contain '%'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathSegmentNames")
  void checksPathSegmentNames(String name, String value, List<String> expected) {
    assertThat(NameValidation.pathSegmentName(value)).isEqualTo(expected);
  }

  @Test
  void pathSegmentPrefixesMayBeDots() {
    assertThat(NameValidation.pathSegmentPrefix("..")).isEmpty();
    assertThat(NameValidation.pathSegmentPrefix("a/")).containsExactly("may not contain '/'");
  }

  @Test
  void masksTrailingDashOfPrefixes() {
    assertThat(NameValidation.maskTrailingDash("web-")).isEqualTo("wea");
    assertThat(NameValidation.maskTrailingDash("a-")).isEqualTo("a");
    assertThat(NameValidation.maskTrailingDash("-")).isEqualTo("-");
    assertThat(NameValidation.maskTrailingDash("web")).isEqualTo("web");
    assertThat(NameValidation.dns1123Subdomain(NameValidation.maskTrailingDash("web-"))).isEmpty();
  }
}
