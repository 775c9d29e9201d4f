package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code kubectl get pods} row: READY counts ready containers (and started sidecars), STATUS is
 * derived from the phase, reason and container states exactly as Kubernetes' pod printer does, and
 * RESTARTS carries "(5m ago)" for the most recent restart.
 */
final class PodPrinter {
  static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string(
              "Ready", "The aggregate readiness state of this pod for accepting traffic."),
          TableColumn.string("Status", "The aggregate status of the containers in this pod."),
          TableColumn.string(
              "Restarts",
              "The number of times the containers in this pod have been restarted and when the"
                  + " last container in this pod has restarted."),
          TableColumn.AGE,
          TableColumn.wide("IP", "The IP address allocated to the pod."),
          TableColumn.wide("Node", "The node the pod is bound to."),
          TableColumn.wide("Nominated Node", "The node the scheduler nominated for preemption."),
          TableColumn.wide("Readiness Gates", "The pod's readiness gates that are true."));

  private PodPrinter() {}

  static List<Object> cells(ObjectNode pod, Instant now) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    int total = Json.size(spec, "containers");
    int ready = 0;
    String phase = Json.text(status, "phase");
    String reason = Json.text(status, "reason").isEmpty() ? phase : Json.text(status, "reason");
    for (JsonNode cond : Json.objects(status, "conditions")) {
      if (Json.text(cond, "type").equals("PodScheduled")
          && Json.text(cond, "reason").equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }
    Map<String, JsonNode> inits = new HashMap<>();
    for (JsonNode c : Json.objects(spec, "initContainers")) {
      inits.put(Json.text(c, "name"), c);
      if (PodSpecDefaults.isRestartable(c)) {
        total++;
      }
    }
    Restarts all = new Restarts();
    Restarts sidecars = new Restarts();
    boolean initializing = false;
    List<ObjectNode> initStatuses = Json.objects(status, "initContainerStatuses");
    for (int i = 0; i < initStatuses.size(); i++) {
      JsonNode cs = initStatuses.get(i);
      all.add(cs);
      boolean restartable = PodSpecDefaults.isRestartable(inits.get(Json.text(cs, "name")));
      if (restartable) {
        sidecars.add(cs);
      }
      JsonNode terminated = Json.at(cs, "state", "terminated");
      JsonNode waiting = Json.at(cs, "state", "waiting");
      if (terminated.isObject() && Json.integer(terminated, 0, "exitCode") == 0) {
        continue;
      }
      if (restartable && Json.bool(cs, "started")) {
        if (Json.bool(cs, "ready")) {
          ready++;
        }
        continue;
      }
      if (terminated.isObject()) {
        reason = "Init:" + terminatedReason(terminated);
      } else if (waiting.isObject()
          && !Json.text(waiting, "reason").isEmpty()
          && !Json.text(waiting, "reason").equals("PodInitializing")) {
        reason = "Init:" + Json.text(waiting, "reason");
      } else {
        reason = "Init:" + i + "/" + Json.size(spec, "initContainers");
      }
      initializing = true;
      break;
    }
    Restarts shown = all;
    if (!initializing || conditionTrue(status, "Initialized")) {
      shown = sidecars;
      boolean hasRunning = false;
      List<ObjectNode> statuses = Json.objects(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode cs = statuses.get(i);
        shown.add(cs);
        JsonNode waiting = Json.at(cs, "state", "waiting");
        JsonNode terminated = Json.at(cs, "state", "terminated");
        if (waiting.isObject() && !Json.text(waiting, "reason").isEmpty()) {
          reason = Json.text(waiting, "reason");
        } else if (terminated.isObject()) {
          reason = terminatedReason(terminated);
        } else if (Json.bool(cs, "ready") && Json.at(cs, "state", "running").isObject()) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }
    boolean deleting = Json.has(pod, "metadata", "deletionTimestamp");
    if (deleting && Json.text(status, "reason").equals("NodeLost")) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
    String restarts = String.valueOf(shown.count);
    if (shown.count != 0 && shown.last != null) {
      restarts =
          shown.count
              + " ("
              + Printing.humanDuration(java.time.Duration.between(shown.last, now))
              + " ago)";
    }
    List<ObjectNode> ips = Json.objects(status, "podIPs");
    String ip = ips.isEmpty() ? "" : Json.text(ips.get(0), "ip");
    return List.of(
        Printing.name(pod),
        ready + "/" + total,
        reason,
        restarts,
        Printing.age(pod, now),
        ip.isEmpty() ? "<none>" : ip,
        orNone(Json.text(spec, "nodeName")),
        orNone(Json.text(status, "nominatedNodeName")),
        readinessGates(spec, status));
  }

  private static String terminatedReason(JsonNode terminated) {
    String r = Json.text(terminated, "reason");
    if (!r.isEmpty()) {
      return r;
    }
    long signal = Json.integer(terminated, 0, "signal");
    return signal != 0 ? "Signal:" + signal : "ExitCode:" + Json.integer(terminated, 0, "exitCode");
  }

  private static boolean conditionTrue(JsonNode status, String type) {
    for (JsonNode c : Json.objects(status, "conditions")) {
      if (Json.text(c, "type").equals(type)) {
        return Json.text(c, "status").equals("True");
      }
    }
    return false;
  }

  private static String readinessGates(JsonNode spec, JsonNode status) {
    List<ObjectNode> gates = Json.objects(spec, "readinessGates");
    if (gates.isEmpty()) {
      return "<none>";
    }
    int trueCount = 0;
    for (JsonNode g : gates) {
      String type = Json.text(g, "conditionType");
      for (JsonNode c : Json.objects(status, "conditions")) {
        if (Json.text(c, "type").equals(type)) {
          if (Json.text(c, "status").equals("True")) {
            trueCount++;
          }
          break;
        }
      }
    }
    return trueCount + "/" + gates.size();
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }

  /** Restart count and the latest {@code lastState.terminated.finishedAt} seen. */
  private static final class Restarts {
    long count;
    Instant last;

    void add(JsonNode cs) {
      count += Json.integer(cs, 0, "restartCount");
      String finished = Json.text(cs, "lastState", "terminated", "finishedAt");
      if (!finished.isEmpty()) {
        try {
          Instant t = Instant.parse(finished);
          if (last == null || t.isAfter(last)) {
            last = t;
          }
        } catch (DateTimeParseException e) {
          // an unparseable time is treated as absent, as a zero time is
        }
      }
    }
  }
}
