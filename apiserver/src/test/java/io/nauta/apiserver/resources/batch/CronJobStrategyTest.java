package io.nauta.apiserver.resources.batch;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronJobStrategyTest {
  private final CronJobStrategy strategy = new CronJobStrategy();

  private static final String CRONJOB =
      """
      {"metadata":{"name":"hello"},"spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":
        {"restartPolicy":"OnFailure","containers":[{"name":"hello","image":"busybox:1.36"}]}}}}}}
      """;

  private ObjectNode created(String json) {
    ObjectNode cj = object(json);
    strategy.prepareForCreate(cj);
    return cj;
  }

  @Test
  void defaultsPolicyAndHistory() {
    ObjectNode cj = created(CRONJOB);
    assertThat(cj.at("/spec/concurrencyPolicy").asText()).isEqualTo("Allow");
    assertThat(cj.at("/spec/suspend").asBoolean()).isFalse();
    assertThat(cj.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
    assertThat(cj.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(1);
    assertThat(cj.at("/spec/jobTemplate/spec").has("backoffLimit")).isFalse();
    assertThat(cj.at("/spec/jobTemplate/spec/template/spec/dnsPolicy").asText())
        .isEqualTo("ClusterFirst");
    assertThat(strategy.validate(cj)).isEmpty();
    assertThat(strategy.cells(cj, NOW))
        .containsExactly(
            "hello",
            "*/5 * * * *",
            "<none>",
            "False",
            0L,
            "<none>",
            "10m",
            "hello",
            "busybox:1.36",
            "<none>");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "too few fields | \"schedule\":\"*/5 * * * *\" | \"schedule\":\"* *\" | spec.schedule: Invalid value: \"* *\": expected exactly 5 fields, found 2: [* *]",
        "minute out of range | \"schedule\":\"*/5 * * * *\" | \"schedule\":\"61 * * * *\" | spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61",
        "TZ in schedule | \"schedule\":\"*/5 * * * *\" | \"schedule\":\"TZ=UTC 0 * * * *\" | spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        "unknown zone | \"schedule\":\"*/5 * * * *\" | \"schedule\":\"0 * * * *\",\"timeZone\":\"Mars/Olympus\" | spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus",
        "bad policy | \"schedule\":\"*/5 * * * *\" | \"schedule\":\"@hourly\",\"concurrencyPolicy\":\"Sometimes\" | spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
        "long name | \"name\":\"hello\" | \"name\":\"a-very-long-cronjob-name-that-is-longer-than-fifty-two-chars\" | metadata.name: Invalid value: \"a-very-long-cronjob-name-that-is-longer-than-fifty-two-chars\": must be no more than 52 characters",
        "job restart policy | \"restartPolicy\":\"OnFailure\" | \"restartPolicy\":\"Always\" | spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
      })
  void rejectsInvalidCronJobs(String name, String from, String to, String message) {
    assertThat(messages(strategy.validate(created(CRONJOB.replace(from, to))))).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "@daily",
    "0 0 * * SUN",
    "15 3 1-7 jan-mar mon-fri",
    "*/10 */2 * * *",
    "@every 1h30m"
  })
  void acceptsStandardSchedules(String schedule) {
    assertThat(CronSchedule.error(schedule)).isEqualTo(Optional.empty());
  }
}
