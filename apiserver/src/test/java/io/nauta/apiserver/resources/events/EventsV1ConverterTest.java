package io.nauta.apiserver.resources.events;

import static io.nauta.apiserver.resources.TestObjects.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventsV1ConverterTest {
  private final EventsV1Converter converter = new EventsV1Converter();

  @Test
  void coreEventsReadAsEventsApiObjectsAndBack() {
    ObjectNode core =
        parse(
            """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"e","namespace":"default"},
             "involvedObject":{"kind":"Pod","name":"web"},"reason":"Started","message":"Started container",
             "source":{"component":"kubelet","host":"n1"},"firstTimestamp":"2024-01-01T00:00:00Z",
             "lastTimestamp":"2024-01-01T00:01:00Z","count":2,"type":"Normal",
             "eventTime":null,"reportingComponent":"kubelet","reportingInstance":"n1",
             "series":{"count":2,"lastObservedTime":"2024-01-01T00:01:00.000000Z"},"action":"Start",
             "related":{"kind":"Node","name":"n1"}}
            """);
    ObjectNode events = converter.fromStorage(core);
    assertThat(events.get("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
    assertThat(events.at("/regarding/name").asText()).isEqualTo("web");
    assertThat(events.get("note").asText()).isEqualTo("Started container");
    assertThat(events.get("reportingController").asText()).isEqualTo("kubelet");
    assertThat(events.at("/deprecatedSource/host").asText()).isEqualTo("n1");
    assertThat(events.get("deprecatedCount").asInt()).isEqualTo(2);
    assertThat(events.get("deprecatedFirstTimestamp").asText()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(events.get("deprecatedLastTimestamp").asText()).isEqualTo("2024-01-01T00:01:00Z");
    assertThat(events.has("involvedObject") || events.has("message") || events.has("source"))
        .isFalse();
    assertThat(events.get("action").asText()).isEqualTo("Start");
    assertThat(converter.toStorage(events)).isEqualTo(core);
  }

  @Test
  void eventsApiObjectsStoreAsCoreEvents() {
    ObjectNode served =
        parse(
            """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e"},
             "regarding":{"kind":"Node","name":"n1"},"note":"Rebooted","reportingController":"kubelet",
             "reportingInstance":"n1","eventTime":"2024-01-01T00:00:00.000000Z","type":"Warning",
             "reason":"Rebooted","action":"Reboot"}
            """);
    ObjectNode core = converter.toStorage(served);
    assertThat(core.get("apiVersion").asText()).isEqualTo("v1");
    assertThat(core.at("/involvedObject/kind").asText()).isEqualTo("Node");
    assertThat(core.get("message").asText()).isEqualTo("Rebooted");
    assertThat(core.get("reportingComponent").asText()).isEqualTo("kubelet");
    assertThat(converter.fromStorage(core)).isEqualTo(served);
  }
}
