package io.nauta.apiserver.resources.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.api.validation.NameValidation;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CSINodes (cluster-scoped, named after their node): the CSI drivers a node's agent runs, each with
 * its node ID, topology keys and how many of its volumes the node can hold ({@code
 * allocatable.count}; absent means no limit). Driver names are unique, DNS-subdomain-shaped and at
 * most 63 characters; a driver's entry, once there, is immutable (an agent that changes it removes
 * the driver first), as in Kubernetes 1.32.
 */
public final class CSINodeStrategy implements ResourceStrategy {
  /** Kubernetes' limit on a CSI driver's name. */
  static final int MAX_DRIVER_NAME = 63;

  /** Kubernetes' limit on a driver's node ID. */
  static final int MAX_NODE_ID = 192;

  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.integer(
              "Drivers", "Drivers indicates the number of CSI drivers registered on the node"),
          TableColumn.AGE);

  /** The storage.k8s.io/v1 csinodes resource (no short name, as in Kubernetes). */
  public static ResourceType resourceType() {
    return ResourceType.builder("storage.k8s.io", "v1", "CSINode", "csinodes")
        .clusterScoped()
        .strategy(new CSINodeStrategy())
        .build();
  }

  @Override
  public List<FieldError> validate(ObjectNode csiNode) {
    ErrorList errs = new ErrorList();
    FieldPath drivers = FieldPath.of("spec").child("drivers");
    Set<String> names = new HashSet<>();
    List<ObjectNode> list = Json.objects(csiNode, "spec", "drivers");
    for (int i = 0; i < list.size(); i++) {
      validateDriver(errs, list.get(i), drivers.index(i), names);
    }
    return errs.toList();
  }

  private static void validateDriver(
      ErrorList errs, ObjectNode driver, FieldPath path, Set<String> names) {
    String name = Json.text(driver, "name");
    FieldPath namePath = path.child("name");
    if (name.isEmpty()) {
      errs.required(namePath, "");
    }
    if (name.length() > MAX_DRIVER_NAME) {
      errs.tooLong(namePath, MAX_DRIVER_NAME);
    }
    if (!name.isEmpty()) {
      NameValidation.dns1123Subdomain(name.toLowerCase(Locale.ROOT))
          .forEach(m -> errs.invalid(namePath, name, m));
    }
    String nodeId = Json.text(driver, "nodeID");
    if (nodeId.isEmpty()) {
      errs.required(path.child("nodeID"), "");
    } else if (nodeId.length() > MAX_NODE_ID) {
      errs.invalid(path.child("nodeID"), nodeId, "must be " + MAX_NODE_ID + " characters or less");
    }
    JsonNode count = Json.at(driver, "allocatable", "count");
    errs.nonNegative(path.child("allocatable").child("count"), count);
    if (!names.add(name)) {
      errs.duplicate(namePath, name);
    }
    Set<String> keys = new HashSet<>();
    for (String key : Json.strings(driver, "topologyKeys")) {
      if (key.isEmpty()) {
        errs.required(path, "");
      } else {
        errs.qualifiedName(path, key);
      }
      if (!keys.add(key)) {
        errs.duplicate(path, key);
      }
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode csiNode, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(csiNode));
    Map<String, ObjectNode> before = new HashMap<>();
    Json.objects(old, "spec", "drivers").forEach(d -> before.put(Json.text(d, "name"), d));
    for (ObjectNode driver : Json.objects(csiNode, "spec", "drivers")) {
      ObjectNode was = before.get(Json.text(driver, "name"));
      if (was != null && !sameDriver(was, driver)) {
        errs.invalid(FieldPath.of("CSINodeDriver"), driver.toString(), "field is immutable");
      }
    }
    return errs.toList();
  }

  /** Equal as Kubernetes compares them: an empty topology key list is no list. */
  private static boolean sameDriver(ObjectNode a, ObjectNode b) {
    return Json.text(a, "name").equals(Json.text(b, "name"))
        && Json.text(a, "nodeID").equals(Json.text(b, "nodeID"))
        && Json.strings(a, "topologyKeys").equals(Json.strings(b, "topologyKeys"))
        && count(a).equals(count(b));
  }

  private static String count(ObjectNode driver) {
    JsonNode n = Json.at(driver, "allocatable", "count");
    return n == null || n.isMissingNode() || n.isNull() ? "" : n.asText();
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode csiNode, Instant now) {
    return List.of(
        Printing.name(csiNode), Json.size(csiNode, "spec", "drivers"), Printing.age(csiNode, now));
  }
}
