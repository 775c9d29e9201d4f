package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Lookup;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods: pod spec defaulting (plus what the Priority and DefaultTolerationSeconds admission plugins
 * set), {@code status} of {@code Pending} with the computed QoS class on create, spec validation,
 * the narrow set of spec changes allowed on update, and the pod table and field selectors.
 */
public final class PodStrategy implements ResourceStrategy {
  private final DefaultTolerationSeconds tolerations;

  public PodStrategy(DefaultTolerationSeconds tolerations) {
    this.tolerations = tolerations;
  }

  @Override
  public void prepareForCreate(ObjectNode pod) {
    ObjectNode spec = Json.object(pod, "spec");
    defaults(spec);
    if (Json.text(spec, "priorityClassName").isEmpty()) {
      Json.defaultInt(spec, "priority", 0);
      Json.defaultText(spec, "preemptionPolicy", "PreemptLowerPriority");
    }
    ObjectNode status = pod.putObject("status");
    status.put("phase", "Pending");
    status.put("qosClass", PodQos.of(spec));
  }

  @Override
  public void admit(ObjectNode pod, Lookup lookup) {
    PodPriority.admit(pod, lookup);
    tolerations.admit(pod);
  }

  @Override
  public void prepareForUpdate(ObjectNode pod, ObjectNode old) {
    defaults(Json.object(pod, "spec"));
  }

  private static void defaults(ObjectNode spec) {
    PodSpecDefaults.applyToPod(spec);
    // serviceAccount is the deprecated alias Kubernetes keeps equal to serviceAccountName
    String sa = Json.text(spec, "serviceAccountName");
    if (sa.isEmpty()) {
      sa = Json.text(spec, "serviceAccount");
    }
    if (!sa.isEmpty()) {
      spec.put("serviceAccountName", sa);
      spec.put("serviceAccount", sa);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode pod) {
    ErrorList errs = new ErrorList();
    PodSpecValidation.validate(errs, FieldPath.of("spec"), pod.path("spec"));
    if (Json.size(pod, "spec", "ephemeralContainers") > 0) {
      errs.forbidden(FieldPath.of("spec").child("ephemeralContainers"), "cannot be set on create");
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pod, ObjectNode old) {
    ErrorList errs = new ErrorList();
    PodSpecValidation.validate(errs, FieldPath.of("spec"), pod.path("spec"));
    PodUpdateValidation.validate(errs, pod.path("spec"), old.path("spec"));
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode pod, ObjectNode old) {
    ErrorList errs = new ErrorList();
    String qos = Json.text(pod, "status", "qosClass");
    String oldQos = Json.text(old, "status", "qosClass");
    if (!oldQos.isEmpty() && !qos.equals(oldQos)) {
      errs.invalid(FieldPath.of("status").child("qosClass"), qos, "field is immutable");
    }
    String nominated = Json.text(pod, "status", "nominatedNodeName");
    if (!nominated.isEmpty()) {
      errs.dns1123Subdomain(FieldPath.of("status").child("nominatedNodeName"), nominated);
    }
    String phase = Json.text(pod, "status", "phase");
    if (!phase.isEmpty()) {
      errs.oneOf(
          FieldPath.of("status").child("phase"),
          phase,
          "Pending",
          "Running",
          "Succeeded",
          "Failed",
          "Unknown");
    }
    return errs.toList();
  }

  @Override
  public long defaultGracePeriodSeconds(ObjectNode pod) {
    String phase = Json.text(pod, "status", "phase");
    if (Json.text(pod, "spec", "nodeName").isEmpty()
        || phase.equals("Succeeded")
        || phase.equals("Failed")) {
      return 0;
    }
    return Json.integer(pod, 30, "spec", "terminationGracePeriodSeconds");
  }

  @Override
  public List<TableColumn> columns() {
    return PodPrinter.COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode pod, Instant now) {
    return PodPrinter.cells(pod, now);
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode pod) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("spec.nodeName", Json.text(spec, "nodeName"));
    f.put("spec.restartPolicy", Json.text(spec, "restartPolicy"));
    f.put("spec.schedulerName", Json.text(spec, "schedulerName"));
    f.put("spec.serviceAccountName", Json.text(spec, "serviceAccountName"));
    f.put("spec.hostNetwork", String.valueOf(Json.bool(spec, "hostNetwork")));
    f.put("status.phase", Json.text(status, "phase"));
    List<ObjectNode> ips = Json.objects(status, "podIPs");
    String ip = ips.isEmpty() ? Json.text(status, "podIP") : Json.text(ips.get(0), "ip");
    f.put("status.podIP", ip);
    f.put("status.nominatedNodeName", Json.text(status, "nominatedNodeName"));
    return f;
  }
}
