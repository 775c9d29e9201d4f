package io.nauta.apiserver.resources.batch;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobStrategyTest {
  private static final String UID = "11111111-2222-3333-4444-555555555555";
  private final JobStrategy strategy = new JobStrategy();

  static final String JOB =
      """
      {"metadata":{"name":"pi"},"spec":{"template":{"spec":{"restartPolicy":"Never",
        "containers":[{"name":"pi","image":"perl:5.34"}]}}}}
      """;

  private ObjectNode created(String json) {
    ObjectNode job = object(json);
    strategy.prepareForCreate(job);
    return job;
  }

  @Test
  void defaultsAndGeneratesSelectorAndLabels() {
    ObjectNode job = created(JOB);
    assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(1);
    assertThat(job.at("/spec/completions").asInt()).isEqualTo(1);
    assertThat(job.at("/spec/backoffLimit").asInt()).isEqualTo(6);
    assertThat(job.at("/spec/completionMode").asText()).isEqualTo("NonIndexed");
    assertThat(job.at("/spec/suspend").asBoolean()).isFalse();
    assertThat(job.at("/spec/podReplacementPolicy").asText()).isEqualTo("TerminatingOrFailed");
    assertThat(job.at("/spec/selector").toString())
        .isEqualTo("{\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"" + UID + "\"}}");
    assertThat(job.at("/spec/template/metadata/labels").toString())
        .isEqualTo(
            "{\"job-name\":\"pi\",\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\""
                + UID
                + "\",\"batch.kubernetes.io/controller-uid\":\""
                + UID
                + "\"}");
    assertThat(job.at("/metadata/labels")).isEqualTo(job.at("/spec/template/metadata/labels"));
    assertThat(strategy.validate(job)).isEmpty();
  }

  @Test
  void onlyParallelismSetLeavesCompletionsUnset() {
    ObjectNode job = created(JOB.replace("{\"template\"", "{\"parallelism\":3,\"template\""));
    assertThat(job.at("/spec").has("completions")).isFalse();
    assertThat(strategy.cells(job, NOW).get(2)).isEqualTo("0/1 of 3");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "default restart policy",
            JOB.replace("\"restartPolicy\":\"Never\",", ""),
            "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
        Arguments.of(
            "indexed without completions",
            JOB.replace(
                "{\"template\"", "{\"parallelism\":2,\"completionMode\":\"Indexed\",\"template\""),
            "spec.completions: Required value: when completion mode is Indexed"),
        Arguments.of(
            "negative backoff",
            JOB.replace("{\"template\"", "{\"backoffLimit\":-1,\"template\""),
            "spec.backoffLimit: Invalid value: \"-1\": must be greater than or equal to 0"),
        Arguments.of(
            "manual selector not matching",
            JOB.replace(
                "{\"template\"",
                "{\"manualSelector\":true,\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\""),
            "spec.template.metadata.labels: Invalid value: \"map[string]string{}\": `selector` does not"
                + " match template `labels`"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsInvalidJobs(String name, String json, String message) {
    assertThat(messages(strategy.validate(created(json)))).contains(message);
  }

  @Test
  void selectorAndTemplateAreImmutableUnlessSuspendedBeforeStart() {
    ObjectNode old = created(JOB);
    ObjectNode changed = old.deepCopy();
    ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "perl:5.36");
    assertThat(messages(strategy.validateUpdate(changed, old)))
        .containsExactly("spec.template: Invalid value: \"\": field is immutable");

    ObjectNode suspended = created(JOB.replace("{\"template\"", "{\"suspend\":true,\"template\""));
    ObjectNode scheduled = suspended.deepCopy();
    ((ObjectNode) scheduled.at("/spec/template/spec")).putObject("nodeSelector").put("zone", "a");
    assertThat(strategy.validateUpdate(scheduled, suspended)).isEmpty();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of("{}", "Running", "0/1", ""),
        Arguments.of(
            "{\"succeeded\":1,\"startTime\":\"2024-01-01T00:01:00Z\",\"completionTime\":\"2024-01-01T00:01:42Z\","
                + "\"conditions\":[{\"type\":\"Complete\",\"status\":\"True\"}]}",
            "Complete",
            "1/1",
            "42s"),
        Arguments.of(
            "{\"failed\":7,\"startTime\":\"2024-01-01T00:00:00Z\",\"conditions\":[{\"type\":\"Failed\",\"status\":\"True\"}]}",
            "Failed",
            "0/1",
            "10m"),
        Arguments.of(
            "{\"conditions\":[{\"type\":\"Suspended\",\"status\":\"True\"}]}",
            "Suspended",
            "0/1",
            ""));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("statuses")
  void printsStatusCompletionsAndDuration(
      String status, String shown, String completions, String duration) {
    ObjectNode job = created(JOB);
    job.set("status", object(status).without("metadata"));
    assertThat(strategy.cells(job, NOW).subList(0, 5))
        .containsExactly("pi", shown, completions, duration, "10m");
    assertThat(strategy.selectableFields(job)).containsKey("status.successful");
  }
}
