package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventStrategyTest {
  private static final String LEGACY =
      """
      {"metadata":{"name":"web.17a","namespace":"default"},
       "involvedObject":{"kind":"Pod","namespace":"default","name":"web","uid":"u1","fieldPath":"spec.containers{a}"},
       "reason":"Pulled","message":"Pulled image  ","type":"Normal","count":3,
       "firstTimestamp":"2024-01-01T00:01:00Z","lastTimestamp":"2024-01-01T00:08:00Z",
       "source":{"component":"kubelet","host":"n1"}}
      """;

  @Test
  void printsLastSeenObjectAndWideColumns() {
    assertThat(EventStrategy.forCoreApi().cells(object(LEGACY), NOW))
        .containsExactly(
            "2m",
            "Normal",
            "Pulled",
            "pod/web",
            "spec.containers{a}",
            "kubelet, n1",
            "Pulled image",
            "9m",
            3L,
            "web.17a");
  }

  @Test
  void seriesAndEventTimeDriveTheTimesOfNewEvents() {
    ObjectNode ev =
        object(
            "{\"involvedObject\":{\"kind\":\"Node\",\"name\":\"n1\"},\"eventTime\":\"2024-01-01T00:04:00.000000Z\","
                + "\"series\":{\"count\":4,\"lastObservedTime\":\"2024-01-01T00:09:00.000000Z\"},"
                + "\"reportingComponent\":\"kubelet\"}");
    assertThat(EventStrategy.forCoreApi().cells(ev, NOW))
        .containsExactly("60s", "", "", "node/n1", "", "kubelet", "", "6m", 4L, "x");
  }

  @Test
  void legacyEventsMustMatchTheirNamespace() {
    ObjectNode ev =
        object(
            LEGACY.replace(
                "\"namespace\":\"default\",\"name\":\"web\"",
                "\"namespace\":\"other\",\"name\":\"web\""));
    assertThat(messages(EventStrategy.forCoreApi().validate(ev)))
        .containsExactly(
            "involvedObject.namespace: Invalid value: \"other\": does not match event.namespace");
    assertThat(EventStrategy.forCoreApi().validate(object(LEGACY))).isEmpty();
  }

  @Test
  void eventsApiWritesAreStrict() {
    assertThat(messages(EventStrategy.forEventsApi().validate(object(LEGACY))))
        .contains(
            "eventTime: Required value",
            "deprecatedFirstTimestamp: Invalid value: \"\": needs to be unset",
            "deprecatedCount: Invalid value: \"\": needs to be unset",
            "deprecatedSource: Invalid value: \"\": needs to be unset");
    ObjectNode ok =
        object(
            "{\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"web\"},"
                + "\"eventTime\":\"2024-01-01T00:04:00.000000Z\",\"type\":\"Warning\",\"reason\":\"Failed\","
                + "\"action\":\"Pulling\",\"reportingComponent\":\"kubelet\",\"reportingInstance\":\"n1\"}");
    assertThat(EventStrategy.forEventsApi().validate(ok)).isEmpty();
  }

  @Test
  void fieldSelectorsUseEachApisNames() {
    assertThat(EventStrategy.forCoreApi().selectableFields(object(LEGACY)))
        .containsEntry("involvedObject.kind", "Pod")
        .containsEntry("involvedObject.name", "web")
        .containsEntry("involvedObject.uid", "u1")
        .containsEntry("reason", "Pulled")
        .containsEntry("source", "kubelet")
        .containsEntry("type", "Normal")
        .containsEntry("reportingComponent", "");
    assertThat(EventStrategy.forEventsApi().selectableFields(object(LEGACY)))
        .containsEntry("regarding.kind", "Pod")
        .containsEntry("reportingController", "")
        .doesNotContainKey("source");
  }
}
