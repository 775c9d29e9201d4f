package io.nauta.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CriLogLineTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "full stdout line|2024-03-01T10:00:00.123456789Z stdout F hello world|STDOUT|false|hello world",
        "partial stderr |2024-03-01T10:00:00.5Z stderr P part|STDERR|true|part",
        "empty content  |2024-03-01T10:00:00Z stdout F |STDOUT|false|''",
        "no content sep |2024-03-01T10:00:00Z stdout F|STDOUT|false|''",
        "extra tags     |2024-03-01T10:00:00Z stdout F:x:y  two  spaces|STDOUT|false|' two  spaces'",
        "offset time    |2024-03-01T12:00:00+02:00 stdout F x|STDOUT|false|x",
      })
  void parsesRecords(String name, String line, String stream, boolean partial, String content) {
    CriLogLine r = CriLogLine.parse(line).orElseThrow();
    assertThat(r.stream()).isEqualTo(CriLogLine.Stream.valueOf(stream));
    assertThat(r.partial()).isEqualTo(partial);
    assertThat(new String(r.content(), StandardCharsets.UTF_8)).isEqualTo(content);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "2024-03-01T10:00:00Z stdout",
        "not-a-time stdout F x",
        "2024-03-01T10:00:00Z stdin F x",
        "2024-03-01T10:00:00Z stdout X x",
        "2024-03-01T10:00:00Z stdout  x"
      })
  void rejectsWhatIsNotACriRecord(String line) {
    assertThat(CriLogLine.parse(line)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "2024-03-01T10:00:00Z, 2024-03-01T10:00:00Z",
    "2024-03-01T10:00:00.100Z, 2024-03-01T10:00:00.1Z",
    "2024-03-01T10:00:00.123456789Z, 2024-03-01T10:00:00.123456789Z",
    "2024-03-01T12:00:00.000000010+02:00, 2024-03-01T10:00:00.00000001Z"
  })
  void formatsTimesAsRfc3339Nano(String in, String out) {
    assertThat(CriLogLine.formatTime(java.time.OffsetDateTime.parse(in).toInstant()))
        .isEqualTo(out);
  }

  @org.junit.jupiter.api.Test
  void keepsTheTimeOfTheRecord() {
    assertThat(CriLogLine.parse("2024-03-01T12:00:00.25+02:00 stdout F x").orElseThrow().time())
        .isEqualTo(Instant.parse("2024-03-01T10:00:00.25Z"));
  }
}
