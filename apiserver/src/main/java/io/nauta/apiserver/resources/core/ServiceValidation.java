package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.Ports;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Service validation: type, ports, cluster IPs, session affinity and traffic policies. */
final class ServiceValidation {
  private static final String IP_MESSAGE =
      "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

  private ServiceValidation() {}

  static List<FieldError> validate(ObjectNode svc) {
    ErrorList errs = new ErrorList();
    FieldPath sp = FieldPath.of("spec");
    JsonNode spec = svc.path("spec");
    String type = Json.text(spec, "type");
    errs.oneOf(sp.child("type"), type, "ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    boolean headless = Json.text(spec, "clusterIP").equals("None");
    List<ObjectNode> ports = Json.objects(spec, "ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.required(sp.child("ports"), "");
    }
    ports(errs, sp.child("ports"), ports, type);
    if (type.equals("ExternalName")) {
      externalName(errs, sp, spec);
    } else {
      clusterIps(errs, sp, spec, type);
      String itp = Json.text(spec, "internalTrafficPolicy");
      if (itp.isEmpty()) {
        errs.required(sp.child("internalTrafficPolicy"), "");
      } else {
        errs.oneOf(sp.child("internalTrafficPolicy"), itp, "Cluster", "Local");
      }
    }
    String etp = Json.text(spec, "externalTrafficPolicy");
    boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
    if (!nodePorts && !etp.isEmpty()) {
      errs.invalid(
          sp.child("externalTrafficPolicy"),
          etp,
          "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
    } else if (nodePorts) {
      if (etp.isEmpty()) {
        errs.required(sp.child("externalTrafficPolicy"), "");
      } else {
        errs.oneOf(sp.child("externalTrafficPolicy"), etp, "Cluster", "Local");
      }
    }
    affinity(errs, sp, spec);
    errs.labels(sp.child("selector"), Json.stringMap(spec, "selector"));
    List<String> external = Json.strings(spec, "externalIPs");
    for (int i = 0; i < external.size(); i++) {
      if (!IpAddresses.isIp(external.get(i))) {
        errs.invalid(sp.child("externalIPs").index(i), external.get(i), IP_MESSAGE);
      }
    }
    return errs.toList();
  }

  static List<FieldError> validateUpdate(ObjectNode svc, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(svc));
    String type = Json.text(svc, "spec", "type");
    String oldType = Json.text(old, "spec", "type");
    List<String> oldIps = Json.strings(old, "spec", "clusterIPs");
    if (!type.equals("ExternalName") && !oldType.equals("ExternalName") && !oldIps.isEmpty()) {
      List<String> ips = Json.strings(svc, "spec", "clusterIPs");
      FieldPath p = FieldPath.of("spec").child("clusterIPs");
      if (ips.isEmpty()) {
        errs.invalid(p, "[]", "primary clusterIP can not be unset");
      } else if (!ips.get(0).equals(oldIps.get(0))) {
        errs.invalid(p.index(0), ips.get(0), "may not change once set");
      }
    }
    return errs.toList();
  }

  private static void ports(ErrorList errs, FieldPath p, List<ObjectNode> ports, String type) {
    Set<String> names = new HashSet<>();
    Set<String> keys = new HashSet<>();
    boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode port = ports.get(i);
      FieldPath pp = p.index(i);
      String name = Json.text(port, "name");
      if (ports.size() > 1 && name.isEmpty()) {
        errs.required(pp.child("name"), "");
      } else if (!name.isEmpty()) {
        errs.dns1123Label(pp.child("name"), name);
        if (!names.add(name)) {
          errs.duplicate(pp.child("name"), name);
        }
      }
      errs.portNumberRequired(pp.child("port"), port.get("port"));
      String protocol = Json.text(port, "protocol");
      if (protocol.isEmpty()) {
        errs.required(pp.child("protocol"), "");
      } else {
        errs.oneOf(pp.child("protocol"), protocol, "SCTP", "TCP", "UDP");
      }
      Ports.numberOrName(errs, pp.child("targetPort"), port.get("targetPort"));
      String app = Json.text(port, "appProtocol");
      if (!app.isEmpty()) {
        errs.qualifiedName(pp.child("appProtocol"), app);
      }
      long nodePort = Json.integer(port, 0, "nodePort");
      if (nodePort != 0) {
        if (!nodePorts) {
          errs.forbidden(pp.child("nodePort"), "may not be used when `type` is '" + type + "'");
        }
        errs.portNumber(pp.child("nodePort"), port.get("nodePort"));
      }
      String key = port.path("port").asLong() + "/" + protocol;
      if (!keys.add(key)) {
        errs.duplicate(pp, key);
      }
    }
  }

  private static void externalName(ErrorList errs, FieldPath sp, JsonNode spec) {
    if (Json.size(spec, "clusterIPs") > 0 || !Json.text(spec, "clusterIP").isEmpty()) {
      errs.forbidden(sp.child("clusterIPs"), "may not be set for ExternalName services");
    }
    if (Json.size(spec, "ipFamilies") > 0) {
      errs.forbidden(sp.child("ipFamilies"), "may not be set for ExternalName services");
    }
    if (Json.has(spec, "ipFamilyPolicy")) {
      errs.forbidden(sp.child("ipFamilyPolicy"), "may not be set for ExternalName services");
    }
    String cname = Json.text(spec, "externalName");
    if (cname.endsWith(".")) {
      cname = cname.substring(0, cname.length() - 1);
    }
    if (cname.isEmpty()) {
      errs.required(sp.child("externalName"), "");
    } else {
      errs.dns1123Subdomain(sp.child("externalName"), cname);
    }
  }

  private static void clusterIps(ErrorList errs, FieldPath sp, JsonNode spec, String type) {
    List<String> ips = Json.strings(spec, "clusterIPs");
    for (int i = 0; i < ips.size(); i++) {
      String ip = ips.get(i);
      FieldPath ip0 = sp.child("clusterIPs").index(i);
      if (ip.equals("None")) {
        if (i > 0) {
          errs.invalid(ip0, ip, IP_MESSAGE);
        } else if (type.equals("LoadBalancer") || type.equals("NodePort")) {
          errs.invalid(ip0, ip, "may not be set to 'None' for " + type + " services");
        }
      } else if (!IpAddresses.isIp(ip)) {
        errs.invalid(ip0, ip, IP_MESSAGE);
      }
    }
    String policy = Json.text(spec, "ipFamilyPolicy");
    if (!policy.isEmpty()) {
      errs.oneOf(
          sp.child("ipFamilyPolicy"), policy, "PreferDualStack", "RequireDualStack", "SingleStack");
    }
    List<String> families = Json.strings(spec, "ipFamilies");
    for (int i = 0; i < families.size(); i++) {
      errs.oneOf(sp.child("ipFamilies").index(i), families.get(i), "IPv4", "IPv6");
    }
  }

  private static void affinity(ErrorList errs, FieldPath sp, JsonNode spec) {
    String affinity = Json.text(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errs.required(sp.child("sessionAffinity"), "");
      return;
    }
    errs.oneOf(sp.child("sessionAffinity"), affinity, "ClientIP", "None");
    if (affinity.equals("ClientIP")) {
      JsonNode timeout = Json.at(spec, "sessionAffinityConfig", "clientIP", "timeoutSeconds");
      if (timeout.isNumber() && (timeout.asLong() <= 0 || timeout.asLong() > 86400)) {
        errs.invalid(
            sp.child("sessionAffinityConfig").child("clientIP").child("timeoutSeconds"),
            timeout.asLong(),
            "must be greater than 0 and less than 86400");
      }
    } else if (affinity.equals("None") && Json.has(spec, "sessionAffinityConfig")) {
      errs.invalid(
          sp.child("sessionAffinityConfig"),
          spec.get("sessionAffinityConfig").toString(),
          "must not be set when session affinity is None");
    }
  }
}
