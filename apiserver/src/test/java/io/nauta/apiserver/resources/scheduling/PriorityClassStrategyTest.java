package io.nauta.apiserver.resources.scheduling;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityClassStrategyTest {
  private final PriorityClassStrategy strategy = new PriorityClassStrategy();

  @Test
  void defaultsPreemptionAndPrints() {
    ObjectNode pc =
        object("{\"metadata\":{\"name\":\"high\"},\"value\":1000,\"globalDefault\":true}");
    strategy.prepareForCreate(pc);
    assertThat(strategy.validate(pc)).isEmpty();
    assertThat(strategy.cells(pc, NOW))
        .containsExactly("high", 1000L, true, "10m", "PreemptLowerPriority");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing value | {\"metadata\":{\"name\":\"p\"}} | value: Required value",
        "too high | {\"metadata\":{\"name\":\"p\"},\"value\":1000000001} | value: Forbidden: maximum allowed value of a user defined priority is 1000000000",
        "reserved name | {\"metadata\":{\"name\":\"system-mine\"},\"value\":1} | metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
      })
  void rejectsInvalidClasses(String name, String json, String message) {
    assertThat(messages(strategy.validate(object(json)))).containsExactly(message);
  }

  @Test
  void systemClassesAreAcceptedAndValuesImmutable() {
    ObjectNode pc =
        object("{\"metadata\":{\"name\":\"system-node-critical\"},\"value\":2000001000}");
    strategy.prepareForCreate(pc);
    assertThat(strategy.validate(pc)).isEmpty();
    ObjectNode update = pc.deepCopy().put("value", 5);
    assertThat(messages(strategy.validateUpdate(update, pc)))
        .contains("value: Forbidden: may not be changed in an update.");
  }
}
