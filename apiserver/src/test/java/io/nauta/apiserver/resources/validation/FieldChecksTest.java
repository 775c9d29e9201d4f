package io.nauta.apiserver.resources.validation;

import static io.nauta.apiserver.resources.TestObjects.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.nauta.api.validation.FieldPath;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldChecksTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http | ''",
        "web-8080 | ''",
        "8080 | must contain at least one letter (a-z)",
        "http--alt | must not contain consecutive hyphens",
        "-http | must not begin or end with a hyphen",
        "Http | must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
        "a-very-long-port-name | must be no more than 15 characters",
      })
  void portNamesFollowIanaServiceNames(String name, String problem) {
    List<String> errs = Ports.nameErrors(name);
    if (problem.isEmpty()) {
      assertThat(errs).isEmpty();
    } else {
      assertThat(errs).contains(problem);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "25% | ''",
        "100% | ''",
        "101% | p: Invalid value: \"101%\": must not be greater than 100%",
        "abc | p: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      })
  void intOrPercentStrings(String value, String message) {
    ErrorList errs = new ErrorList();
    IntOrPercent.check(errs, FieldPath.of("p"), TextNode.valueOf(value), true);
    assertThat(messages(errs.toList())).isEqualTo(message.isEmpty() ? List.of() : List.of(message));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"0, true", "3, false"})
  void intOrPercentZero(int value, boolean zero) {
    assertThat(IntOrPercent.isZero(IntNode.valueOf(value))).isEqualTo(zero);
    assertThat(IntOrPercent.isZero(TextNode.valueOf(value + "%"))).isEqualTo(zero);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"key.name, true", "KEY_NAME, true", "a/b, false", "., false", "..x, false"})
  void configKeys(String key, boolean valid) {
    assertThat(ConfigKeys.errors(key).isEmpty()).isEqualTo(valid);
  }
}
