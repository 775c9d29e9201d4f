package io.nauta.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.store.Event;
import io.nauta.store.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedEventsTest {

  private static Event put(long revision, String json) {
    return new Event(
        Event.Type.PUT,
        revision,
        new KeyValue("/k", json.getBytes(StandardCharsets.UTF_8), revision, revision, 1),
        null);
  }

  @Test
  void anEventIsDecodedOnceAndEachEncodingMadeOnce() {
    SharedEvents shared = new SharedEvents();
    Event e = put(7, "{\"metadata\":{\"name\":\"a\"}}");
    assertThat(shared.decode(e)).isSameAs(shared.decode(e));
    assertThat(shared.decode(e).current().path("metadata").path("name").asText()).isEqualTo("a");
    AtomicInteger encodings = new AtomicInteger();
    for (int watcher = 0; watcher < 100; watcher++) {
      shared.encoded(
          e, "v1/configmaps/ADDED", () -> new byte[] {(byte) encodings.incrementAndGet()});
    }
    shared.encoded(
        e, "v1beta1/things/ADDED", () -> new byte[] {(byte) encodings.incrementAndGet()});
    assertThat(encodings).hasValue(2);
  }

  @Test
  void anotherEventInTheSameSlotIsNotMistakenForTheFirst() {
    SharedEvents shared = new SharedEvents();
    Event first = put(1, "{\"metadata\":{\"name\":\"first\"}}");
    Event later = put(1 + 4096, "{\"metadata\":{\"name\":\"later\"}}");
    shared.decode(first);
    assertThat(shared.decode(later).current().path("metadata").path("name").asText())
        .isEqualTo("later");
    assertThat(shared.encoded(later, "x", () -> new byte[] {2})).containsExactly(2);
    assertThat(shared.decode(first).current().path("metadata").path("name").asText())
        .isEqualTo("first");
  }
}
