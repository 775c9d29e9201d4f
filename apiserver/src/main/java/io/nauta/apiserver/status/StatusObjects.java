package io.nauta.apiserver.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;

/** Builds {@code meta/v1 Status} objects. */
public final class StatusObjects {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private StatusObjects() {}

  /** The Status for a failure. */
  public static ObjectNode failure(ApiException e) {
    ObjectNode s = base();
    s.put("status", "Failure");
    s.put("message", e.getMessage());
    s.put("reason", e.reason());
    ApiException.Details d = e.details();
    if (d != null) {
      ObjectNode details = s.putObject("details");
      if (d.name() != null && !d.name().isEmpty()) {
        details.put("name", d.name());
      }
      if (d.group() != null && !d.group().isEmpty()) {
        details.put("group", d.group());
      }
      if (d.kind() != null) {
        details.put("kind", d.kind());
      }
      if (!d.causes().isEmpty()) {
        ArrayNode causes = details.putArray("causes");
        for (FieldError fe : d.causes()) {
          ObjectNode c = causes.addObject();
          c.put("reason", fe.type().reason());
          c.put("message", fe.body());
          c.put("field", fe.field());
        }
      }
      if (d.retryAfterSeconds() > 0) {
        details.put("retryAfterSeconds", d.retryAfterSeconds());
      }
      if (details.isEmpty()) {
        s.remove("details");
      }
    }
    s.put("code", e.code());
    return s;
  }

  /** A Success Status, e.g. for a collection delete. */
  public static ObjectNode success(String group, String kind, String name, String uid) {
    ObjectNode s = base();
    s.put("status", "Success");
    ObjectNode details = s.putObject("details");
    details.put("name", name);
    if (group != null && !group.isEmpty()) {
      details.put("group", group);
    }
    details.put("kind", kind);
    if (uid != null) {
      details.put("uid", uid);
    }
    return s;
  }

  private static ObjectNode base() {
    ObjectNode s = F.objectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    return s;
  }
}
