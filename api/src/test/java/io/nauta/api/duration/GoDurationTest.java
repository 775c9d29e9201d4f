package io.nauta.api.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "40s, 40000",
    "5m0s, 300000",
    "1h30m, 5400000",
    "1.5s, 1500",
    "500ms, 500",
    ".5s, 500",
    "0, 0",
    "2h, 7200000"
  })
  void parsesGoDurations(String text, long millis) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "40", "s", "1x", "1h 30m", "-5s", "5s5", "PT5S"})
  void rejectsOtherText(String text) {
    assertThat(GoDuration.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid duration");
  }
}
