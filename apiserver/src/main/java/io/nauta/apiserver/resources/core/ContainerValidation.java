package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.Ports;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of one container: image, pull policy, ports, environment, mounts and probes, with the
 * field paths and messages of Kubernetes' {@code validateContainerCommon}. Names and resources are
 * checked by {@link PodSpecValidation} and {@link ResourceValidation}.
 */
final class ContainerValidation {
  private static final String ENV_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
  private static final Pattern ENV_NAME = Pattern.compile(ENV_FMT);
  private static final List<String> PROBES =
      List.of("livenessProbe", "readinessProbe", "startupProbe");
  private static final List<String> HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");
  private static final List<String> LIFECYCLE_HANDLERS =
      List.of("exec", "httpGet", "tcpSocket", "sleep");

  private ContainerValidation() {}

  /** Checks {@code c} at {@code p}; {@code volumes} are the pod's volume names. */
  static void validate(
      ErrorList errs, FieldPath p, ObjectNode c, Set<String> volumes, boolean hostNetwork) {
    String image = Json.text(c, "image");
    if (image.isEmpty()) {
      errs.required(p.child("image"), "");
    } else if (!image.equals(image.strip())) {
      errs.invalid(p.child("image"), image, "must not have leading or trailing whitespace");
    }
    String pull = Json.text(c, "imagePullPolicy");
    if (pull.isEmpty()) {
      errs.required(p.child("imagePullPolicy"), "");
    } else {
      errs.oneOf(p.child("imagePullPolicy"), pull, "Always", "IfNotPresent", "Never");
    }
    String tmp = Json.text(c, "terminationMessagePolicy");
    if (tmp.isEmpty()) {
      errs.required(
          p.child("terminationMessagePolicy"), "must be 'File' or 'FallbackToLogsOnError'");
    } else {
      errs.oneOf(p.child("terminationMessagePolicy"), tmp, "File", "FallbackToLogsOnError");
    }
    ports(errs, p.child("ports"), c, hostNetwork);
    env(errs, p.child("env"), c);
    mounts(errs, p.child("volumeMounts"), c, volumes);
    ResourceValidation.requirements(errs, p.child("resources"), Json.at(c, "resources"));
    for (String probe : PROBES) {
      JsonNode pr = Json.at(c, probe);
      if (pr.isObject()) {
        probe(errs, p.child(probe), pr);
        if (!probe.equals("readinessProbe") && pr.path("successThreshold").asLong(1) != 1) {
          errs.invalid(
              p.child(probe).child("successThreshold"),
              pr.path("successThreshold").asLong(),
              "must be 1");
        }
      }
    }
    JsonNode lifecycle = Json.at(c, "lifecycle");
    for (String hook : List.of("postStart", "preStop")) {
      if (Json.at(lifecycle, hook).isObject()) {
        handler(
            errs, p.child("lifecycle").child(hook), Json.at(lifecycle, hook), LIFECYCLE_HANDLERS);
      }
    }
  }

  /** The probe and lifecycle fields an ordinary init container may not set. */
  static List<String> initForbidden() {
    return List.of("lifecycle", "livenessProbe", "readinessProbe", "startupProbe");
  }

  private static void ports(ErrorList errs, FieldPath p, JsonNode c, boolean hostNetwork) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> ports = Json.objects(c, "ports");
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode port = ports.get(i);
      FieldPath ip = p.index(i);
      String name = Json.text(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = Ports.nameErrors(name);
        if (!msgs.isEmpty()) {
          msgs.forEach(m -> errs.invalid(ip.child("name"), name, m));
        } else if (!names.add(name)) {
          errs.duplicate(ip.child("name"), name);
        }
      }
      if (Json.integer(port, 0, "containerPort") == 0 && !port.path("containerPort").isTextual()) {
        errs.required(ip.child("containerPort"), "");
      } else {
        errs.portNumber(ip.child("containerPort"), port.get("containerPort"));
      }
      if (Json.integer(port, 0, "hostPort") != 0) {
        errs.portNumber(ip.child("hostPort"), port.get("hostPort"));
        if (hostNetwork && port.get("hostPort").asLong() != port.path("containerPort").asLong()) {
          errs.invalid(
              ip.child("hostPort"),
              port.get("hostPort").asLong(),
              "must match `containerPort` when `hostNetwork` is true");
        }
      }
      String protocol = Json.text(port, "protocol");
      if (protocol.isEmpty()) {
        errs.required(ip.child("protocol"), "");
      } else {
        errs.oneOf(ip.child("protocol"), protocol, "SCTP", "TCP", "UDP");
      }
    }
  }

  private static void env(ErrorList errs, FieldPath p, JsonNode c) {
    List<ObjectNode> env = Json.objects(c, "env");
    for (int i = 0; i < env.size(); i++) {
      ObjectNode e = env.get(i);
      FieldPath ep = p.index(i);
      String name = Json.text(e, "name");
      if (name.isEmpty()) {
        errs.required(ep.child("name"), "");
      } else if (!ENV_NAME.matcher(name).matches()) {
        errs.invalid(
            ep.child("name"),
            name,
            "a valid environment variable name must consist of alphabetic characters, digits,"
                + " '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or"
                + " 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '"
                + ENV_FMT
                + "')");
      }
      JsonNode from = Json.at(e, "valueFrom");
      if (from.isObject()) {
        if (!Json.text(e, "value").isEmpty()) {
          errs.invalid(ep.child("valueFrom"), "", "may not be specified when `value` is not empty");
        }
        long sources =
            List.of("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef").stream()
                .filter(s -> Json.has(from, s))
                .count();
        if (sources == 0) {
          errs.invalid(
              ep.child("valueFrom"),
              "",
              "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                  + " `secretKeyRef`");
        } else if (sources > 1) {
          errs.invalid(
              ep.child("valueFrom"), "", "may not have more than one field specified at a time");
        }
        for (String ref : List.of("configMapKeyRef", "secretKeyRef")) {
          if (Json.at(from, ref).isObject()) {
            if (Json.text(from, ref, "key").isEmpty()) {
              errs.required(ep.child("valueFrom").child(ref).child("key"), "");
            }
          }
        }
        if (Json.at(from, "fieldRef").isObject()
            && Json.text(from, "fieldRef", "fieldPath").isEmpty()) {
          errs.required(ep.child("valueFrom").child("fieldRef").child("fieldPath"), "");
        }
      }
    }
  }

  private static void mounts(ErrorList errs, FieldPath p, JsonNode c, Set<String> volumes) {
    Set<String> paths = new HashSet<>();
    List<ObjectNode> mounts = Json.objects(c, "volumeMounts");
    for (int i = 0; i < mounts.size(); i++) {
      ObjectNode m = mounts.get(i);
      FieldPath mp = p.index(i);
      String name = Json.text(m, "name");
      if (name.isEmpty()) {
        errs.required(mp.child("name"), "");
      } else if (!volumes.contains(name)) {
        // Kubernetes reports "Not found"; FieldError has no such type yet
        errs.invalid(mp.child("name"), name, "volume not found");
      }
      String path = Json.text(m, "mountPath");
      if (path.isEmpty()) {
        errs.required(mp.child("mountPath"), "");
      } else if (!paths.add(path)) {
        errs.invalid(mp.child("mountPath"), path, "must be unique");
      }
    }
  }

  private static void probe(ErrorList errs, FieldPath p, JsonNode probe) {
    handler(errs, p, probe, HANDLERS);
    for (String f :
        List.of(
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold")) {
      errs.nonNegative(p.child(f), probe.get(f));
    }
    JsonNode grace = probe.get("terminationGracePeriodSeconds");
    if (grace != null && grace.isNumber() && grace.asLong() <= 0) {
      errs.invalid(
          p.child("terminationGracePeriodSeconds"), grace.asLong(), "must be greater than 0");
    }
  }

  private static void handler(ErrorList errs, FieldPath p, JsonNode h, List<String> kinds) {
    int n = 0;
    for (String k : kinds) {
      if (Json.has(h, k)) {
        n++;
        if (n > 1) {
          errs.forbidden(p.child(k), "may not specify more than 1 handler type");
        }
      }
    }
    if (n == 0) {
      errs.required(p, "must specify a handler type");
    }
    JsonNode get = Json.at(h, "httpGet");
    if (get.isObject()) {
      if (!get.has("port")) {
        errs.required(p.child("httpGet").child("port"), "");
      }
      Ports.numberOrName(errs, p.child("httpGet").child("port"), get.get("port"));
      String scheme = Json.text(get, "scheme");
      if (!scheme.isEmpty()) {
        errs.oneOf(p.child("httpGet").child("scheme"), scheme, "HTTP", "HTTPS");
      }
    }
    JsonNode tcp = Json.at(h, "tcpSocket");
    if (tcp.isObject()) {
      if (!tcp.has("port")) {
        errs.required(p.child("tcpSocket").child("port"), "");
      }
      Ports.numberOrName(errs, p.child("tcpSocket").child("port"), tcp.get("port"));
    }
    JsonNode grpc = Json.at(h, "grpc");
    if (grpc.isObject()) {
      errs.portNumber(p.child("grpc").child("port"), grpc.get("port"));
    }
  }
}
