package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.selector.LabelSelectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Services: Kubernetes' defaults ({@code ClusterIP}, {@code TCP}, targetPort = port, traffic
 * policies, single-stack IPv4), keeping allocated values (cluster IPs, node ports) across updates
 * that omit them and dropping them when the type no longer needs them, and the service table.
 *
 * <p>This strategy does not allocate: the Service registry's write hooks ({@link
 * io.nauta.apiserver.services.ServiceAllocations}) do, after validation and right before the store
 * write, filling in {@code spec.clusterIP}/{@code spec.clusterIPs} when {@link #needsClusterIp} is
 * true and {@code spec.ports[i].nodePort} for the ports {@link #needsNodePort} reports.
 */
public final class ServiceStrategy implements ResourceStrategy {
  static final List<TableColumn> COLUMNS =
      List.of(
          TableColumn.NAME,
          TableColumn.string("Type", "How the service is exposed."),
          TableColumn.string("Cluster-IP", "The virtual IP of the service."),
          TableColumn.string("External-IP", "The external addresses of the service."),
          TableColumn.string("Port(s)", "The ports the service exposes."),
          TableColumn.AGE,
          TableColumn.wide("Selector", "The labels of the pods the service routes to."));

  @Override
  public NameRule nameRule() {
    return NameRule.DNS1035_LABEL;
  }

  @Override
  public void prepareForCreate(ObjectNode svc) {
    defaults(Json.object(svc, "spec"));
    svc.putObject("status").putObject("loadBalancer");
  }

  @Override
  public void prepareForUpdate(ObjectNode svc, ObjectNode old) {
    ObjectNode spec = Json.object(svc, "spec");
    JsonNode oldSpec = old.path("spec");
    String type = Json.text(spec, "type").isEmpty() ? "ClusterIP" : Json.text(spec, "type");
    String oldType = Json.text(oldSpec, "type");
    if (needsIp(type)
        && needsIp(oldType)
        && Json.text(spec, "clusterIP").isEmpty()
        && Json.size(spec, "clusterIPs") == 0) {
      for (String f : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
        if (Json.has(oldSpec, f)) {
          spec.set(f, oldSpec.get(f).deepCopy());
        }
      }
    }
    if (needsNodePorts(type)) {
      for (ObjectNode port : Json.objects(spec, "ports")) {
        if (Json.integer(port, 0, "nodePort") == 0) {
          for (JsonNode o : Json.objects(oldSpec, "ports")) {
            if (samePort(port, o) && Json.integer(o, 0, "nodePort") != 0) {
              port.set("nodePort", o.get("nodePort"));
            }
          }
        }
      }
    }
    dropTypeDependentFields(spec, oldSpec, type);
    defaults(spec);
  }

  private static void dropTypeDependentFields(ObjectNode spec, JsonNode oldSpec, String type) {
    if (!needsIp(type) && !Json.text(oldSpec, "type").equals("ExternalName")) {
      for (String f : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
        if (Json.has(spec, f) && spec.get(f).equals(oldSpec.get(f))) {
          spec.remove(f);
        }
      }
    }
    if (!needsNodePorts(type)) {
      List<ObjectNode> ports = Json.objects(spec, "ports");
      for (ObjectNode port : ports) {
        for (JsonNode o : Json.objects(oldSpec, "ports")) {
          if (samePort(port, o) && port.path("nodePort").equals(o.path("nodePort"))) {
            port.remove("nodePort");
          }
        }
      }
    }
    if (!type.equals("LoadBalancer")) {
      if (spec.path("healthCheckNodePort").equals(oldSpec.path("healthCheckNodePort"))) {
        spec.remove("healthCheckNodePort");
      }
      if (spec.path("allocateLoadBalancerNodePorts")
          .equals(oldSpec.path("allocateLoadBalancerNodePorts"))) {
        spec.remove("allocateLoadBalancerNodePorts");
      }
    }
    if (!needsNodePorts(type)
        && spec.path("externalTrafficPolicy").equals(oldSpec.path("externalTrafficPolicy"))) {
      spec.remove("externalTrafficPolicy");
    }
    if (type.equals("ExternalName")
        && spec.path("internalTrafficPolicy").equals(oldSpec.path("internalTrafficPolicy"))) {
      spec.remove("internalTrafficPolicy");
    }
  }

  private static boolean samePort(JsonNode a, JsonNode b) {
    return a.path("port").asLong() == b.path("port").asLong() && protocol(a).equals(protocol(b));
  }

  private static String protocol(JsonNode port) {
    String p = Json.text(port, "protocol");
    return p.isEmpty() ? "TCP" : p;
  }

  static void defaults(ObjectNode spec) {
    Json.defaultText(spec, "type", "ClusterIP");
    Json.defaultText(spec, "sessionAffinity", "None");
    String type = Json.text(spec, "type");
    if (Json.text(spec, "sessionAffinity").equals("ClientIP")) {
      Json.defaultInt(
          Json.objectAt(spec, "sessionAffinityConfig", "clientIP"), "timeoutSeconds", 10800);
    }
    for (ObjectNode port : Json.objects(spec, "ports")) {
      Json.defaultText(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      boolean unset =
          target == null
              || target.isNull()
              || (target.isNumber() && target.asLong() == 0)
              || (target.isTextual() && target.asText().isEmpty());
      if (unset && port.has("port")) {
        port.set("targetPort", port.get("port"));
      }
    }
    if (needsNodePorts(type)) {
      Json.defaultText(spec, "externalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      Json.defaultBool(spec, "allocateLoadBalancerNodePorts", true);
    }
    if (needsIp(type)) {
      Json.defaultText(spec, "internalTrafficPolicy", "Cluster");
      String ip = Json.text(spec, "clusterIP");
      if (!ip.isEmpty() && Json.size(spec, "clusterIPs") == 0) {
        spec.putArray("clusterIPs").add(ip);
      } else if (ip.isEmpty() && Json.size(spec, "clusterIPs") > 0) {
        spec.put("clusterIP", spec.get("clusterIPs").get(0).asText());
      }
      Json.defaultText(spec, "ipFamilyPolicy", "SingleStack");
      if (Json.size(spec, "ipFamilies") == 0) {
        spec.putArray("ipFamilies").add("IPv4");
      }
    }
  }

  private static boolean needsIp(String type) {
    return !type.equals("ExternalName");
  }

  private static boolean needsNodePorts(String type) {
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  /** True when the service must be given a cluster IP by the registry (allocation hook). */
  public static boolean needsClusterIp(ObjectNode svc) {
    return needsIp(Json.text(svc, "spec", "type")) && Json.text(svc, "spec", "clusterIP").isEmpty();
  }

  /** Indexes of {@code spec.ports} that need a node port allocated (allocation hook). */
  public static List<Integer> needsNodePort(ObjectNode svc) {
    List<Integer> out = new ArrayList<>();
    String type = Json.text(svc, "spec", "type");
    if (type.equals("NodePort")
        || (type.equals("LoadBalancer")
            && !Json.at(svc, "spec", "allocateLoadBalancerNodePorts").asText().equals("false"))) {
      List<ObjectNode> ports = Json.objects(svc, "spec", "ports");
      for (int i = 0; i < ports.size(); i++) {
        if (Json.integer(ports.get(i), 0, "nodePort") == 0) {
          out.add(i);
        }
      }
    }
    return out;
  }

  @Override
  public List<FieldError> validate(ObjectNode svc) {
    return ServiceValidation.validate(svc);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode svc, ObjectNode old) {
    return ServiceValidation.validateUpdate(svc, old);
  }

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode svc, Instant now) {
    JsonNode spec = svc.path("spec");
    String type = Json.text(spec, "type");
    List<String> ips = Json.strings(spec, "clusterIPs");
    String clusterIp = ips.isEmpty() ? "<none>" : ips.get(0);
    List<String> ports = new ArrayList<>();
    for (JsonNode p : Json.objects(spec, "ports")) {
      long nodePort = Json.integer(p, 0, "nodePort");
      String protocol = Json.text(p, "protocol");
      ports.add(
          nodePort > 0
              ? p.path("port").asLong() + ":" + nodePort + "/" + protocol
              : p.path("port").asLong() + "/" + protocol);
    }
    return List.of(
        Printing.name(svc),
        type,
        clusterIp,
        externalIp(svc),
        ports.isEmpty() ? "<none>" : String.join(",", ports),
        Printing.age(svc, now),
        LabelSelectors.formatLabels(Json.stringMap(spec, "selector")));
  }

  private static String externalIp(ObjectNode svc) {
    JsonNode spec = svc.path("spec");
    List<String> external = Json.strings(spec, "externalIPs");
    switch (Json.text(spec, "type")) {
      case "ClusterIP", "NodePort":
        return external.isEmpty() ? "<none>" : String.join(",", external);
      case "LoadBalancer":
        TreeSet<String> lb = new TreeSet<>();
        for (JsonNode in : Json.objects(svc, "status", "loadBalancer", "ingress")) {
          String v =
              !Json.text(in, "ip").isEmpty() ? Json.text(in, "ip") : Json.text(in, "hostname");
          if (!v.isEmpty()) {
            lb.add(v);
          }
        }
        List<String> all = new ArrayList<>(lb);
        all.addAll(external);
        return all.isEmpty() ? "<pending>" : String.join(",", all);
      case "ExternalName":
        return Json.text(spec, "externalName");
      default:
        return "<unknown>";
    }
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode svc) {
    return Map.of(
        "spec.clusterIP", Json.text(svc, "spec", "clusterIP"),
        "spec.type", Json.text(svc, "spec", "type"));
  }
}
