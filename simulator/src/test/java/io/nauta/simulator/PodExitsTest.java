package io.nauta.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodExitsTest {
  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"2s, 2000", "500ms, 500", "1m30s, 90000", "1.5s, 1500", "PT2S, 2000", "1h, 3600000"})
  void readsGoAndIsoDurations(String text, long millis) {
    assertThat(PodExits.duration(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "\"{0}\" is not a duration")
  @CsvSource({"two, ", "2, ", "2s3, ", "s, "})
  void rejectsWhatIsNotADuration(String text) {
    assertThat(PodExits.duration(text)).isNull();
  }

  @Test
  void exitCodeOfTheCompletionIndexWinsOverTheDefault() {
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("p")
            .addToAnnotations(PodExits.EXIT_CODE, "3")
            .addToAnnotations(PodExits.EXIT_CODE_INDEX + "1", "42")
            .endMetadata();
    assertThat(PodExits.exitCode(pod.build())).isEqualTo(3);
    pod.editMetadata()
        .addToAnnotations("batch.kubernetes.io/job-completion-index", "1")
        .endMetadata();
    assertThat(PodExits.exitCode(pod.build())).isEqualTo(42);
    assertThat(PodExits.exitCode(new PodBuilder().withNewMetadata().endMetadata().build()))
        .isZero();
  }
}
