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
import io.nauta.apiserver.resources.validation.Quantities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Nodes (cluster-scoped): the kubelet creates them with status, so create keeps it; allocatable
 * defaults to capacity; pod CIDRs and provider ID are settable once; the node table derives STATUS
 * from the Ready condition and ROLES from {@code node-role.kubernetes.io/*} labels.
 */
public final class NodeStrategy implements ResourceStrategy {
  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Status", "The status of the node"),
          TableColumn.string("Roles", "The roles of the node"),
          TableColumn.AGE,
          TableColumn.string("Version", "The kubelet version the node reports."),
          TableColumn.wide("Internal-IP", "The node's first internal address."),
          TableColumn.wide("External-IP", "The node's first external address."),
          TableColumn.wide("OS-Image", "The OS image the node reports."),
          TableColumn.wide("Kernel-Version", "The kernel version the node reports."),
          TableColumn.wide("Container-Runtime", "The container runtime version the node reports."));

  @Override
  public void prepareForCreate(ObjectNode node) {
    defaults(node);
  }

  @Override
  public void prepareForUpdate(ObjectNode node, ObjectNode old) {
    defaults(node);
  }

  private static void defaults(ObjectNode node) {
    ObjectNode status = Json.objectOrNull(node, "status");
    if (status != null && status.path("capacity").isObject() && !Json.has(status, "allocatable")) {
      status.set("allocatable", status.get("capacity").deepCopy());
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode node) {
    ErrorList errs = new ErrorList();
    FieldPath sp = FieldPath.of("spec");
    List<String> cidrs = Json.strings(node, "spec", "podCIDRs");
    for (int i = 0; i < cidrs.size(); i++) {
      if (!isCidr(cidrs.get(i))) {
        errs.invalid(
            sp.child("podCIDRs").index(i),
            cidrs.get(i),
            "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
      }
    }
    String cidr = Json.text(node, "spec", "podCIDR");
    if (!cidr.isEmpty() && !isCidr(cidr)) {
      errs.invalid(
          sp.child("podCIDR"),
          cidr,
          "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }
    Tolerations.validateTaints(errs, sp.child("taints"), Json.at(node, "spec", "taints"));
    for (String list : List.of("capacity", "allocatable")) {
      JsonNode res = Json.at(node, "status", list);
      if (res.isObject()) {
        res.properties()
            .forEach(
                e ->
                    Quantities.check(
                        errs, FieldPath.of("status").child(list).key(e.getKey()), e.getValue()));
      }
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode node, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(node));
    List<String> oldCidrs = Json.strings(old, "spec", "podCIDRs");
    if (!oldCidrs.isEmpty() && !oldCidrs.equals(Json.strings(node, "spec", "podCIDRs"))) {
      errs.forbidden(
          FieldPath.of("spec").child("podCIDRs"),
          "node updates may not change podCIDR except from \"\" to valid");
    }
    String oldProvider = Json.text(old, "spec", "providerID");
    if (!oldProvider.isEmpty() && !oldProvider.equals(Json.text(node, "spec", "providerID"))) {
      errs.forbidden(
          FieldPath.of("spec").child("providerID"),
          "node updates may not change providerID except from \"\" to valid");
    }
    return errs.toList();
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode node, ObjectNode old) {
    return validate(node);
  }

  private static boolean isCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = s.substring(0, slash);
    try {
      int bits = Integer.parseInt(s.substring(slash + 1));
      return IpAddresses.isIp(ip) && bits >= 0 && bits <= (ip.contains(":") ? 128 : 32);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode node, Instant now) {
    List<String> status = new ArrayList<>();
    for (JsonNode c : Json.objects(node, "status", "conditions")) {
      if (Json.text(c, "type").equals("Ready")) {
        status.add(Json.text(c, "status").equals("True") ? "Ready" : "NotReady");
      }
    }
    if (status.isEmpty()) {
      status.add("Unknown");
    }
    if (Json.bool(node, "spec", "unschedulable")) {
      status.add("SchedulingDisabled");
    }
    TreeSet<String> roles = new TreeSet<>();
    Json.stringMap(node, "metadata", "labels")
        .forEach(
            (k, v) -> {
              if (k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length()) {
                roles.add(k.substring(ROLE_PREFIX.length()));
              } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
                roles.add(v);
              }
            });
    JsonNode info = Json.at(node, "status", "nodeInfo");
    return List.of(
        Printing.name(node),
        String.join(",", status),
        roles.isEmpty() ? "<none>" : String.join(",", roles),
        Printing.age(node, now),
        Json.text(info, "kubeletVersion"),
        address(node, "InternalIP"),
        address(node, "ExternalIP"),
        unknownIfEmpty(Json.text(info, "osImage")),
        unknownIfEmpty(Json.text(info, "kernelVersion")),
        unknownIfEmpty(Json.text(info, "containerRuntimeVersion")));
  }

  private static String address(ObjectNode node, String type) {
    for (JsonNode a : Json.objects(node, "status", "addresses")) {
      if (Json.text(a, "type").equals(type)) {
        return Json.text(a, "address");
      }
    }
    return "<none>";
  }

  private static String unknownIfEmpty(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode node) {
    return Map.of("spec.unschedulable", String.valueOf(Json.bool(node, "spec", "unschedulable")));
  }
}
