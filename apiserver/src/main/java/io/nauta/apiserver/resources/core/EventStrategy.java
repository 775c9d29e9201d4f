package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Events, stored as core/v1 Events whichever API wrote them. The legacy rules apply to every write;
 * writes through {@code events.k8s.io/v1} ({@link #forEventsApi()}) must also carry {@code
 * eventTime}, a Normal/Warning type and none of the deprecated fields. Both APIs print the same
 * table; field selectors use each API's own field names.
 */
public final class EventStrategy implements ResourceStrategy {
  private static final int LIMIT_128 = 128;
  private static final int NOTE_LIMIT = 1024;
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.string("Last Seen", "The time the event was last seen."),
          TableColumn.string("Type", "The event type, Normal or Warning."),
          TableColumn.string("Reason", "A short machine-readable reason for the event."),
          TableColumn.string("Object", "The object the event is about."),
          TableColumn.wide("Subobject", "The part of the object the event is about."),
          TableColumn.wide("Source", "The component that reported the event."),
          TableColumn.string("Message", "A human-readable description of the event."),
          TableColumn.wide("First Seen", "The time the event was first seen."),
          TableColumn.wide("Count", "The number of times the event occurred."),
          new TableColumn("Name", "string", "name", TableColumn.NAME.description(), 1));

  private final boolean strict;

  private EventStrategy(boolean strict) {
    this.strict = strict;
  }

  /** The strategy of core/v1 events. */
  public static EventStrategy forCoreApi() {
    return new EventStrategy(false);
  }

  /** The strategy of events.k8s.io/v1 events (strict validation, {@code regarding.*} fields). */
  public static EventStrategy forEventsApi() {
    return new EventStrategy(true);
  }

  @Override
  public NameRule nameRule() {
    // legacy event names are only checked to be path segments; events.k8s.io checks subdomains
    return strict ? NameRule.DNS1123_SUBDOMAIN : NameRule.PATH_SEGMENT;
  }

  @Override
  public List<FieldError> validate(ObjectNode ev) {
    ErrorList errs = new ErrorList();
    legacy(errs, ev);
    if (strict) {
      if (!Json.has(ev, "eventTime")) {
        errs.required(FieldPath.of("eventTime"), "");
      }
      String type = Json.text(ev, "type");
      if (!type.equals("Normal") && !type.equals("Warning")) {
        errs.invalid(FieldPath.of("type"), "", "has invalid value: " + type);
      }
      unset(errs, ev, "firstTimestamp", "deprecatedFirstTimestamp");
      unset(errs, ev, "lastTimestamp", "deprecatedLastTimestamp");
      if (Json.integer(ev, 0, "count") != 0) {
        errs.invalid(FieldPath.of("deprecatedCount"), "", "needs to be unset");
      }
      if (!Json.text(ev, "source", "component").isEmpty()
          || !Json.text(ev, "source", "host").isEmpty()) {
        errs.invalid(FieldPath.of("deprecatedSource"), "", "needs to be unset");
      }
      if (Json.at(ev, "series").isObject()) {
        if (Json.integer(ev, 0, "series", "count") < 2) {
          errs.invalid(FieldPath.of("series").child("count"), "", "should be at least 2");
        }
        if (!Json.has(ev, "series", "lastObservedTime")) {
          errs.required(FieldPath.of("series").child("lastObservedTime"), "");
        }
      }
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode ev, ObjectNode old) {
    ErrorList errs = new ErrorList();
    legacy(errs, ev);
    if (strict) {
      for (String[] f :
          new String[][] {
            {"involvedObject", "involvedObject"},
            {"reason", "reason"},
            {"message", "message"},
            {"source", "source"},
            {"firstTimestamp", "firstTimestamp"},
            {"lastTimestamp", "lastTimestamp"},
            {"count", "count"},
            {"type", "type"},
            {"eventTime", "eventTime"},
            {"action", "action"},
            {"related", "related"},
            {"reportingComponent", "reportingController"},
            {"reportingInstance", "reportingInstance"}
          }) {
        if (!Json.at(ev, f[0]).equals(Json.at(old, f[0]))) {
          errs.invalid(FieldPath.of(f[1]), Json.at(ev, f[0]).toString(), "field is immutable");
        }
      }
    }
    return errs.toList();
  }

  private static void unset(ErrorList errs, ObjectNode ev, String field, String shown) {
    if (Json.has(ev, field)) {
      errs.invalid(FieldPath.of(shown), "", "needs to be unset");
    }
  }

  private void legacy(ErrorList errs, ObjectNode ev) {
    String ns = Json.text(ev, "metadata", "namespace");
    String involvedNs = Json.text(ev, "involvedObject", "namespace");
    FieldPath nsPath = FieldPath.of("involvedObject").child("namespace");
    if (!Json.has(ev, "eventTime")) {
      if (involvedNs.isEmpty()) {
        if (!ns.isEmpty() && !ns.equals("default")) {
          errs.invalid(nsPath, involvedNs, "does not match event.namespace");
        }
      } else if (!ns.equals(involvedNs)) {
        errs.invalid(nsPath, involvedNs, "does not match event.namespace");
      }
    } else {
      if (involvedNs.isEmpty() && !ns.equals("default") && !ns.equals("kube-system")) {
        errs.invalid(nsPath, involvedNs, "does not match event.namespace");
      }
      String controllerField = strict ? "reportingController" : "reportingComponent";
      String controller = Json.text(ev, "reportingComponent");
      if (controller.isEmpty()) {
        errs.required(FieldPath.of(controllerField), "");
      }
      errs.qualifiedName(FieldPath.of(controllerField), controller);
      limited(errs, ev, "reportingInstance", "reportingInstance", LIMIT_128, true);
      limited(errs, ev, "action", "action", LIMIT_128, true);
      limited(errs, ev, "reason", "reason", LIMIT_128, true);
      limited(errs, ev, "message", "message", NOTE_LIMIT, false);
    }
    if (!ns.isEmpty()) {
      errs.dns1123Subdomain(FieldPath.of("namespace"), ns);
    }
  }

  private static void limited(
      ErrorList errs, ObjectNode ev, String field, String shown, int max, boolean required) {
    String v = Json.text(ev, field);
    if (required && v.isEmpty()) {
      errs.required(FieldPath.of(shown), "");
    }
    if (v.length() > max) {
      errs.invalid(FieldPath.of(shown), "", "can have at most " + max + " characters");
    }
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode ev, Instant now) {
    String first =
        Json.has(ev, "firstTimestamp")
            ? Printing.since(ev.get("firstTimestamp"), now)
            : Printing.since(ev.get("eventTime"), now);
    String last =
        Json.has(ev, "lastTimestamp") ? Printing.since(ev.get("lastTimestamp"), now) : first;
    long count = Json.integer(ev, 0, "count");
    if (Json.at(ev, "series").isObject()) {
      last = Printing.since(Json.at(ev, "series", "lastObservedTime"), now);
      count = Json.integer(ev, 0, "series", "count");
    } else if (count == 0) {
      count = 1;
    }
    String kind = Json.text(ev, "involvedObject", "kind").toLowerCase(Locale.ROOT);
    String name = Json.text(ev, "involvedObject", "name");
    String target = name.isEmpty() ? kind : kind + "/" + name;
    return List.of(
        last,
        Json.text(ev, "type"),
        Json.text(ev, "reason"),
        target,
        Json.text(ev, "involvedObject", "fieldPath"),
        source(ev),
        Json.text(ev, "message").strip(),
        first,
        count,
        Printing.name(ev));
  }

  private static String source(ObjectNode ev) {
    String component = Json.text(ev, "source", "component");
    if (component.isEmpty()) {
      component = Json.text(ev, "reportingComponent");
    }
    String host = Json.text(ev, "source", "host");
    if (host.isEmpty()) {
      host = Json.text(ev, "reportingInstance");
    }
    return host.isEmpty() ? component : component + ", " + host;
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode ev) {
    JsonNode obj = ev.path("involvedObject");
    String prefix = strict ? "regarding." : "involvedObject.";
    Map<String, String> f = new LinkedHashMap<>();
    for (String k :
        List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
      f.put(prefix + k, Json.text(obj, k));
    }
    f.put("reason", Json.text(ev, "reason"));
    f.put("type", Json.text(ev, "type"));
    if (strict) {
      f.put("reportingController", Json.text(ev, "reportingComponent"));
    } else {
      f.put("reportingComponent", Json.text(ev, "reportingComponent"));
      String source = Json.text(ev, "source", "component");
      f.put("source", source.isEmpty() ? Json.text(ev, "reportingComponent") : source);
    }
    return f;
  }
}
