package io.nauta.apiserver.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.store.RangeRequest;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventExpiryTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @TempDir Path dir;

  private static byte[] event(String name, String created, String last, String series) {
    ObjectNode e = Codec.JSON.createObjectNode();
    e.putObject("metadata").put("name", name).put("creationTimestamp", created);
    if (last != null) {
      e.put("lastTimestamp", last);
    }
    if (series != null) {
      e.putObject("series").put("lastObservedTime", series);
    }
    return e.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eventsThatLastHappenedLongerAgoThanTheTtlAreDeletedOthersKept() {
    try (EmbeddedStore store = EmbeddedStore.open(dir)) {
      String p = EventExpiry.PREFIX + "default/";
      store
          .create(p + "old", event("old", "2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z", null))
          .join();
      store
          .create(
              p + "recurring",
              event(
                  "recurring",
                  "2026-12-01T09:00:00Z",
                  "2026-12-01T09:10:00Z",
                  "2026-12-01T11:30:00.123456Z"))
          .join();
      store.create(p + "fresh", event("fresh", "2026-12-01T11:59:00Z", null, null)).join();
      store
          .create(
              "/registry/core/configmaps/default/old",
              event("cm", "2020-01-01T00:00:00Z", null, null))
          .join();
      EventExpiry expiry =
          new EventExpiry(store, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

      assertThat(expiry.sweep()).isEqualTo(1);
      assertThat(store.range(RangeRequest.prefix(EventExpiry.PREFIX)).items())
          .extracting(kv -> kv.key().substring(p.length()))
          .containsExactly("fresh", "recurring");
      assertThat(store.get("/registry/core/configmaps/default/old")).as("not an event").isNotNull();
    }
  }

  @Test
  void lastActivityIsTheNewestTimeTheEventRecords() {
    ObjectNode e =
        Codec.parseStored(event("e", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", null));
    e.put("eventTime", "2026-12-01T10:05:00.000001Z");
    assertThat(EventExpiry.lastActivity(e)).isEqualTo(Instant.parse("2026-12-01T10:05:00.000001Z"));
    assertThat(EventExpiry.lastActivity(Codec.JSON.createObjectNode())).isNull();
  }
}
