package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.api.validation.NameValidation;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validation of a pod spec wherever it appears (pods, and the templates of Deployments, Jobs, ...),
 * following Kubernetes' {@code ValidatePodSpec}: containers, init containers, volumes, policies,
 * tolerations and scheduling fields. Call on a defaulted spec.
 */
public final class PodSpecValidation {
  private PodSpecValidation() {}

  /** Checks {@code spec} found at {@code p} (e.g. {@code spec.template.spec}). */
  public static void validate(ErrorList errs, FieldPath p, JsonNode spec) {
    validate(errs, p, spec, Set.of());
  }

  /**
   * As {@link #validate(ErrorList, FieldPath, JsonNode)}, with {@code extraVolumes} also accepted
   * as mount names (a StatefulSet's volume claim templates).
   */
  public static void validate(
      ErrorList errs, FieldPath p, JsonNode spec, Set<String> extraVolumes) {
    if (!spec.isObject()) {
      errs.required(p, "");
      return;
    }
    Set<String> volumes = volumes(errs, p.child("volumes"), spec);
    volumes.addAll(extraVolumes);
    boolean hostNetwork = Json.bool(spec, "hostNetwork");
    Set<String> names = new HashSet<>();
    List<ObjectNode> containers = Json.objects(spec, "containers");
    if (containers.isEmpty()) {
      errs.required(p.child("containers"), "");
    }
    for (int i = 0; i < containers.size(); i++) {
      ObjectNode c = containers.get(i);
      FieldPath cp = p.child("containers").index(i);
      name(errs, cp, c, names);
      if (c.has("restartPolicy")) {
        errs.forbidden(cp.child("restartPolicy"), "may not be set for non-init containers");
      }
      ContainerValidation.validate(errs, cp, c, volumes, hostNetwork);
    }
    List<ObjectNode> inits = Json.objects(spec, "initContainers");
    for (int i = 0; i < inits.size(); i++) {
      ObjectNode c = inits.get(i);
      FieldPath cp = p.child("initContainers").index(i);
      name(errs, cp, c, names);
      String policy = Json.text(c, "restartPolicy");
      if (c.has("restartPolicy") && !policy.equals("Always")) {
        errs.notSupported(cp.child("restartPolicy"), policy, "Always");
      }
      if (!PodSpecDefaults.isRestartable(c)) {
        for (String f : ContainerValidation.initForbidden()) {
          if (Json.has(c, f)) {
            errs.forbidden(
                cp.child(f), "may not be set for init containers without restartPolicy=Always");
          }
        }
      }
      ContainerValidation.validate(errs, cp, c, volumes, hostNetwork);
    }
    policies(errs, p, spec);
    Tolerations.validate(errs, p.child("tolerations"), Json.at(spec, "tolerations"));
    errs.labels(p.child("nodeSelector"), Json.stringMap(spec, "nodeSelector"));
  }

  private static void name(ErrorList errs, FieldPath cp, JsonNode c, Set<String> names) {
    String name = Json.text(c, "name");
    if (name.isEmpty()) {
      errs.required(cp.child("name"), "");
    } else {
      errs.dns1123Label(cp.child("name"), name);
      if (!names.add(name)) {
        errs.duplicate(cp.child("name"), name);
      }
    }
  }

  private static Set<String> volumes(ErrorList errs, FieldPath p, JsonNode spec) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> volumes = Json.objects(spec, "volumes");
    for (int i = 0; i < volumes.size(); i++) {
      ObjectNode v = volumes.get(i);
      FieldPath vp = p.index(i);
      List<String> sources =
          PodSpecDefaults.volumeSources().stream().filter(s -> Json.has(v, s)).toList();
      if (sources.isEmpty()) {
        errs.required(vp, "must specify a volume type");
      }
      for (int s = 1; s < sources.size(); s++) {
        errs.forbidden(vp.child(sources.get(s)), "may not specify more than 1 volume type");
      }
      String name = Json.text(v, "name");
      if (name.isEmpty()) {
        errs.required(vp.child("name"), "");
      } else {
        errs.dns1123Label(vp.child("name"), name);
      }
      if (!names.add(name)) {
        errs.duplicate(vp.child("name"), name);
      }
      if (v.path("secret").isObject() && Json.text(v, "secret", "secretName").isEmpty()) {
        errs.required(vp.child("secret").child("secretName"), "");
      }
      if (v.path("configMap").isObject() && Json.text(v, "configMap", "name").isEmpty()) {
        errs.required(vp.child("configMap").child("name"), "");
      }
      if (v.path("persistentVolumeClaim").isObject()
          && Json.text(v, "persistentVolumeClaim", "claimName").isEmpty()) {
        errs.required(vp.child("persistentVolumeClaim").child("claimName"), "");
      }
      if (v.path("hostPath").isObject() && Json.text(v, "hostPath", "path").isEmpty()) {
        errs.required(vp.child("hostPath").child("path"), "");
      }
    }
    return names;
  }

  private static void policies(ErrorList errs, FieldPath p, JsonNode spec) {
    String restart = Json.text(spec, "restartPolicy");
    if (restart.isEmpty()) {
      errs.required(p.child("restartPolicy"), "");
    } else {
      errs.oneOf(p.child("restartPolicy"), restart, "Always", "OnFailure", "Never");
    }
    String dns = Json.text(spec, "dnsPolicy");
    if (dns.isEmpty()) {
      errs.required(p.child("dnsPolicy"), "");
    } else {
      errs.oneOf(
          p.child("dnsPolicy"), dns, "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
      if (dns.equals("None") && !Json.at(spec, "dnsConfig").isObject()) {
        errs.required(p.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None");
      }
    }
    JsonNode deadline = spec.get("activeDeadlineSeconds");
    if (deadline != null
        && deadline.isNumber()
        && (deadline.asLong() < 1 || deadline.asLong() > Integer.MAX_VALUE)) {
      errs.invalid(
          p.child("activeDeadlineSeconds"),
          deadline.asLong(),
          "must be between 1 and 2147483647, inclusive");
    }
    for (String f : List.of("serviceAccountName", "nodeName", "priorityClassName")) {
      String v = Json.text(spec, f);
      if (!v.isEmpty()) {
        errs.dns1123Subdomain(p.child(f), v);
      }
    }
    for (String f : List.of("hostname", "subdomain")) {
      String v = Json.text(spec, f);
      if (!v.isEmpty()) {
        errs.dns1123Label(p.child(f), v);
      }
    }
    List<ObjectNode> gates = Json.objects(spec, "readinessGates");
    for (int i = 0; i < gates.size(); i++) {
      String t = Json.text(gates.get(i), "conditionType");
      FieldPath gp = p.child("readinessGates").index(i).child("conditionType");
      NameValidation.qualifiedName(t).forEach(m -> errs.invalid(gp, t, m));
    }
    List<ObjectNode> secrets = Json.objects(spec, "imagePullSecrets");
    for (int i = 0; i < secrets.size(); i++) {
      if (Json.text(secrets.get(i), "name").isEmpty()) {
        errs.required(p.child("imagePullSecrets").index(i).child("name"), "");
      }
    }
  }
}
