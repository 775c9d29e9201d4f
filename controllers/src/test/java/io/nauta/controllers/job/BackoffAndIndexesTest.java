package io.nauta.controllers.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffAndIndexesTest {
  @ParameterizedTest(name = "{0} failures wait {1} s")
  @CsvSource({"0, 0", "1, 10", "2, 20", "3, 40", "5, 160", "6, 320", "7, 360", "40, 360"})
  void backoffDoublesFromTenSecondsUpToSixMinutes(int failures, long seconds) {
    assertThat(Backoff.DEFAULT.delay(failures)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = ';',
      value = {"'';''", "0;0", "0,1,2,4;0-2,4", "1,3,5;1,3,5", "0,1,5,6,7,9;0-1,5-7,9"})
  void completedIndexesAreCompressedToRanges(String list, String ranges) {
    TreeSet<Integer> set = new TreeSet<>();
    if (!list.isEmpty()) {
      for (String s : list.split(",")) {
        set.add(Integer.parseInt(s));
      }
    }
    assertThat(Indexes.format(set)).isEqualTo(ranges);
    assertThat(Indexes.parse(ranges)).isEqualTo(set);
  }
}
