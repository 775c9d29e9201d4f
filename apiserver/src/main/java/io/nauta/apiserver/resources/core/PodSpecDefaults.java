package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.json.Json.defaultBool;
import static io.nauta.apiserver.resources.json.Json.defaultInt;
import static io.nauta.apiserver.resources.json.Json.defaultText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.resources.json.Json;
import java.util.List;

/**
 * Kubernetes' defaulting of pod specs: {@link #applyToTemplate} for specs inside workload templates
 * ({@code SetDefaults_PodSpec} and the nested types), {@link #applyToPod} additionally for pods
 * ({@code SetDefaults_Pod}). Idempotent: only absent fields are filled.
 */
public final class PodSpecDefaults {
  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");
  private static final int DEFAULT_MODE = 0644;

  private PodSpecDefaults() {}

  /** Defaults every pod spec gets, in pods and in templates. */
  public static void applyToTemplate(ObjectNode spec) {
    defaultText(spec, "dnsPolicy", "ClusterFirst");
    defaultText(spec, "restartPolicy", "Always");
    Json.object(spec, "securityContext");
    defaultInt(spec, "terminationGracePeriodSeconds", 30);
    defaultText(spec, "schedulerName", "default-scheduler");
    for (String list : CONTAINER_LISTS) {
      Json.objects(spec, list).forEach(PodSpecDefaults::container);
    }
    Json.objects(spec, "volumes").forEach(PodSpecDefaults::volume);
  }

  /** Template defaults plus the pod-only ones: requests from limits, service links, host ports. */
  public static void applyToPod(ObjectNode spec) {
    applyToTemplate(spec);
    for (String list : List.of("containers", "initContainers")) {
      Json.objects(spec, list).forEach(PodSpecDefaults::requestsFromLimits);
    }
    defaultBool(spec, "enableServiceLinks", true);
    if (Json.bool(spec, "hostNetwork")) {
      for (String list : List.of("containers", "initContainers")) {
        for (ObjectNode c : Json.objects(spec, list)) {
          for (ObjectNode port : Json.objects(c, "ports")) {
            if (Json.integer(port, 0, "hostPort") == 0 && Json.has(port, "containerPort")) {
              port.set("hostPort", port.get("containerPort"));
            }
          }
        }
      }
    }
  }

  private static void container(ObjectNode c) {
    defaultText(c, "imagePullPolicy", ImageRef.defaultPullPolicy(Json.text(c, "image")));
    defaultText(c, "terminationMessagePath", "/dev/termination-log");
    defaultText(c, "terminationMessagePolicy", "File");
    if (!c.hasNonNull("resources")) {
      c.putObject(
          "resources"); // Kubernetes always shows it, so a template read back compares equal
    }
    Json.objects(c, "ports").forEach(p -> defaultText(p, "protocol", "TCP"));
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      ObjectNode p = Json.objectOrNull(c, probe);
      if (p != null) {
        defaultInt(p, "timeoutSeconds", 1);
        defaultInt(p, "periodSeconds", 10);
        defaultInt(p, "successThreshold", 1);
        defaultInt(p, "failureThreshold", 3);
        httpGet(p);
      }
    }
    ObjectNode lifecycle = Json.objectOrNull(c, "lifecycle");
    if (lifecycle != null) {
      for (String hook : List.of("postStart", "preStop")) {
        ObjectNode h = Json.objectOrNull(lifecycle, hook);
        if (h != null) {
          httpGet(h);
        }
      }
    }
    for (ObjectNode env : Json.objects(c, "env")) {
      ObjectNode fieldRef = Json.objectOrNull(env, "valueFrom", "fieldRef");
      if (fieldRef != null) {
        defaultText(fieldRef, "apiVersion", "v1");
      }
    }
  }

  private static void httpGet(ObjectNode handler) {
    ObjectNode get = Json.objectOrNull(handler, "httpGet");
    if (get != null) {
      defaultText(get, "path", "/");
      defaultText(get, "scheme", "HTTP");
    }
  }

  private static void requestsFromLimits(ObjectNode c) {
    ObjectNode limits = Json.objectOrNull(c, "resources", "limits");
    if (limits == null || limits.isEmpty()) {
      return;
    }
    ObjectNode requests = Json.objectAt(c, "resources", "requests");
    limits.properties().forEach(e -> Json.defaultNode(requests, e.getKey(), e.getValue()));
  }

  private static final List<String> SOURCES =
      List.of(
          "hostPath",
          "emptyDir",
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "gitRepo",
          "secret",
          "nfs",
          "iscsi",
          "glusterfs",
          "persistentVolumeClaim",
          "rbd",
          "flexVolume",
          "cinder",
          "cephfs",
          "flocker",
          "downwardAPI",
          "fc",
          "azureFile",
          "configMap",
          "vsphereVolume",
          "quobyte",
          "azureDisk",
          "photonPersistentDisk",
          "projected",
          "portworxVolume",
          "scaleIO",
          "storageos",
          "csi",
          "ephemeral",
          "image");

  /** The volume source fields a {@code Volume} may set; exactly one is required. */
  public static List<String> volumeSources() {
    return SOURCES;
  }

  private static void volume(ObjectNode v) {
    boolean any = SOURCES.stream().anyMatch(s -> Json.has(v, s));
    if (!any) {
      v.putObject("emptyDir");
    }
    for (String s : List.of("secret", "configMap", "downwardAPI", "projected")) {
      ObjectNode src = Json.objectOrNull(v, s);
      if (src != null) {
        defaultInt(src, "defaultMode", DEFAULT_MODE);
      }
    }
    ObjectNode hostPath = Json.objectOrNull(v, "hostPath");
    if (hostPath != null && !hostPath.has("type")) {
      hostPath.put("type", "");
    }
    ObjectNode projected = Json.objectOrNull(v, "projected");
    if (projected != null) {
      for (ObjectNode src : Json.objects(projected, "sources")) {
        ObjectNode token = Json.objectOrNull(src, "serviceAccountToken");
        if (token != null) {
          defaultInt(token, "expirationSeconds", 3600);
        }
        ObjectNode downward = Json.objectOrNull(src, "downwardAPI");
        if (downward != null) {
          for (ObjectNode item : Json.objects(downward, "items")) {
            ObjectNode fieldRef = Json.objectOrNull(item, "fieldRef");
            if (fieldRef != null) {
              defaultText(fieldRef, "apiVersion", "v1");
            }
          }
        }
      }
    }
    ObjectNode downward = Json.objectOrNull(v, "downwardAPI");
    if (downward != null) {
      for (ObjectNode item : Json.objects(downward, "items")) {
        ObjectNode fieldRef = Json.objectOrNull(item, "fieldRef");
        if (fieldRef != null) {
          defaultText(fieldRef, "apiVersion", "v1");
        }
      }
    }
  }

  /** True when the container is an init container that keeps running (a sidecar). */
  public static boolean isRestartable(JsonNode container) {
    return "Always".equals(Json.text(container, "restartPolicy"));
  }
}
