package io.nauta.apiserver.resources.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.VersionConverter;

/**
 * events.k8s.io/v1 ⇄ core/v1 Events: {@code regarding}⇄{@code involvedObject}, {@code note}⇄{@code
 * message}, {@code reportingController}⇄{@code reportingComponent} and the {@code deprecated*}
 * fields ⇄ {@code source}, {@code firstTimestamp}, {@code lastTimestamp}, {@code count}; every
 * other field (eventTime, series, action, related, type, reason, reportingInstance) is shared as
 * is.
 */
public final class EventsV1Converter implements VersionConverter {
  /** Pairs of (events.k8s.io field, core/v1 field). */
  private static final String[][] RENAMES = {
    {"regarding", "involvedObject"},
    {"note", "message"},
    {"reportingController", "reportingComponent"},
    {"deprecatedSource", "source"},
    {"deprecatedFirstTimestamp", "firstTimestamp"},
    {"deprecatedLastTimestamp", "lastTimestamp"},
    {"deprecatedCount", "count"}
  };

  @Override
  public ObjectNode toStorage(ObjectNode served) {
    ObjectNode out = served.deepCopy();
    out.put("apiVersion", "v1");
    out.put("kind", "Event");
    for (String[] r : RENAMES) {
      move(out, r[0], r[1]);
    }
    return out;
  }

  @Override
  public ObjectNode fromStorage(ObjectNode stored) {
    ObjectNode out = stored.deepCopy();
    out.put("apiVersion", "events.k8s.io/v1");
    out.put("kind", "Event");
    for (String[] r : RENAMES) {
      move(out, r[1], r[0]);
    }
    return out;
  }

  private static void move(ObjectNode obj, String from, String to) {
    JsonNode v = obj.remove(from);
    if (v != null) {
      obj.set(to, v);
    }
  }
}
