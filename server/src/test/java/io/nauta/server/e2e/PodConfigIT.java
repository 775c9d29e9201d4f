package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a pod spec says about environment and volumes, seen from inside real containers run by
 * {@code nauta agent}: each container serves what it sees (its environment, files, modes, mounts)
 * with busybox httpd on its pod IP, and the test reads it over HTTP.
 */
class PodConfigIT extends RealNodeTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @BeforeAll
  void startAgent() throws Exception {
    startNode("box-1");
  }

  private void apply(String yaml) throws Exception {
    Kubectl.Result r = nauta.kubectlWithInput(yaml.replace("IMAGE", image), "apply", "-f", "-");
    assertThat(r.code()).as(r.all()).isZero();
  }

  private String field(String pod, String jsonpath) throws Exception {
    return ok("get", "pod", pod, "-o", "jsonpath=" + jsonpath).out();
  }

  /** Waits for the pod to run, then returns its IP. */
  private String running(String pod) throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(field(pod, "{.status.phase}")).isEqualTo("Running"));
    return field(pod, "{.status.podIP}");
  }

  /** GET http://ip:8080/path, retried until the container serves it. */
  private String fetch(String ip, String path) {
    String[] body = new String[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var response =
                  http.send(
                      HttpRequest.newBuilder(URI.create("http://" + ip + ":8080" + path))
                          .timeout(Duration.ofSeconds(2))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertThat(response.statusCode()).isEqualTo(200);
              body[0] = response.body();
            });
    return body[0];
  }

  private static Map<String, String> envOf(String text) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  @Test
  void environmentComesFromConfigMapsSecretsThePodAndItsResources() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: app-config}
        data: {mode: fast, level: "3"}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: app-secret}
        stringData: {password: s3cr3t}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: envs, labels: {app: envs}}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: c
            image: IMAGE
            command: [sh, -c]
            args:
            - env > /www/env; echo "$0" > /www/arg; exec httpd -f -p 8080 -h /www
            - $(MODE)-arg
            resources:
              limits: {cpu: 500m, memory: 64Mi}
            envFrom:
            - prefix: CFG_
              configMapRef: {name: app-config}
            - secretRef: {name: app-secret}
            env:
            - name: MODE
              valueFrom: {configMapKeyRef: {name: app-config, key: mode}}
            - name: PASSWORD
              valueFrom: {secretKeyRef: {name: app-secret, key: password}}
            - name: ABSENT
              valueFrom: {configMapKeyRef: {name: no-such-config, key: k, optional: true}}
            - name: GREETING
              value: hello-$(MODE)-$$(MODE)-$(UNDEFINED)
            - name: POD_NAME
              valueFrom: {fieldRef: {fieldPath: metadata.name}}
            - name: POD_NAMESPACE
              valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
            - name: POD_UID
              valueFrom: {fieldRef: {fieldPath: metadata.uid}}
            - name: POD_LABEL
              valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}
            - name: POD_IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
            - name: HOST_IP
              valueFrom: {fieldRef: {fieldPath: status.hostIP}}
            - name: NODE
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
            - name: MEMORY_MI
              valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
            - name: CPU_M
              valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
            - name: STORAGE_KI
              valueFrom:
                resourceFieldRef: {resource: limits.ephemeral-storage, divisor: 1Ki}
        """);
    String ip = running("envs");
    Map<String, String> env = envOf(fetch(ip, "/env"));

    assertThat(env)
        .containsEntry("MODE", "fast")
        .containsEntry("PASSWORD", "s3cr3t")
        .containsEntry("password", "s3cr3t")
        .containsEntry("CFG_mode", "fast")
        .containsEntry("CFG_level", "3")
        .containsEntry("GREETING", "hello-fast-$(MODE)-$(UNDEFINED)")
        .containsEntry("POD_NAME", "envs")
        .containsEntry("POD_NAMESPACE", "default")
        .containsEntry("POD_UID", field("envs", "{.metadata.uid}"))
        .containsEntry("POD_LABEL", "envs")
        .containsEntry("POD_IP", ip)
        .containsEntry("HOST_IP", "127.0.0.1")
        .containsEntry("NODE", "box-1")
        .containsEntry("MEMORY_MI", "64")
        .containsEntry("CPU_M", "500")
        .doesNotContainKey("ABSENT");
    String allocatable =
        ok("get", "node", "box-1", "-o", "jsonpath={.status.allocatable.ephemeral-storage}").out();
    assertThat(allocatable).endsWith("Ki");
    assertThat(env).containsEntry("STORAGE_KI", allocatable.replace("Ki", ""));
    assertThat(fetch(ip, "/arg")).isEqualTo("fast-arg\n");
  }

  @Test
  void aMissingConfigMapHoldsTheContainerUntilItIsCreated() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: waits}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: c
            image: IMAGE
            command: [sh, -c, 'test "$K" = ready && exec sleep 3600']
            env:
            - name: K
              valueFrom: {configMapKeyRef: {name: late, key: k}}
        """);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(field("waits", "{.status.containerStatuses[0].state.waiting.reason}"))
                  .isEqualTo("CreateContainerConfigError");
              assertThat(field("waits", "{.status.containerStatuses[0].state.waiting.message}"))
                  .isEqualTo("configmap \"late\" not found");
            });
    assertThat(ok("get", "pod", "waits").out())
        .containsPattern("waits\\s+0/1\\s+CreateContainerConfigError");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pod", "waits").out())
                    .contains("Error: configmap \"late\" not found"));

    ok("create", "configmap", "late", "--from-literal=k=ready");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "waits").out())
                    .containsPattern("waits\\s+1/1\\s+Running\\s+0"));
  }

  @Test
  void aMissingSecretVolumeHoldsThePodUntilTheSecretIsCreated() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: mounts-late}
        spec:
          terminationGracePeriodSeconds: 1
          volumes: [{name: sec, secret: {secretName: late-secret}}]
          containers:
          - name: c
            image: IMAGE
            command: [sh, -c, 'test "$(cat /sec/token)" = abc && exec sleep 3600']
            volumeMounts: [{name: sec, mountPath: /sec}]
        """);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("describe", "pod", "mounts-late").out())
                    .contains(
                        "FailedMount",
                        "MountVolume.SetUp failed for volume \"sec\" : secret \"late-secret\""
                            + " not found"));
    assertThat(ok("get", "pod", "mounts-late").out())
        .containsPattern("mounts-late\\s+0/1\\s+ContainerCreating");

    ok("create", "secret", "generic", "late-secret", "--from-literal=token=abc");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "mounts-late").out())
                    .containsPattern("mounts-late\\s+1/1\\s+Running\\s+0"));
  }

  @Test
  void aSidecarReadsWhatAnotherContainerWritesToSharedEmptyDirs() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: shared}
        spec:
          terminationGracePeriodSeconds: 1
          volumes:
          - {name: scratch, emptyDir: {}}
          - {name: fast, emptyDir: {medium: Memory, sizeLimit: 1Mi}}
          containers:
          - name: writer
            image: IMAGE
            command:
            - sh
            - -c
            - |
              echo written by the writer > /fast/note
              dd if=/dev/zero of=/fast/big bs=1024 count=2048 2>/dev/null || echo full > /out/full
              cp /fast/note /out/note
              while true; do sleep 3600; done
            volumeMounts:
            - {name: scratch, mountPath: /out}
            - {name: fast, mountPath: /fast}
          - name: server
            image: IMAGE
            command:
            - sh
            - -c
            - grep ' /fast ' /proc/mounts > /shared/fast-mount; exec httpd -f -p 8080 -h /shared
            volumeMounts:
            - {name: scratch, mountPath: /shared}
            - {name: fast, mountPath: /fast}
        """);
    String ip = running("shared");
    assertThat(fetch(ip, "/note")).isEqualTo("written by the writer\n");
    assertThat(fetch(ip, "/full")).isEqualTo("full\n");
    assertThat(fetch(ip, "/fast-mount")).startsWith("tmpfs /fast tmpfs").contains("size=1024k");
  }

  @Test
  void configMapSecretDownwardApiAndHostPathVolumesWithModesAndUpdates() throws Exception {
    Path hostDir = Files.createDirectories(dir.resolve("hostdata"));
    Files.writeString(hostDir.resolve("from-host"), "host file\n");
    apply(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-config}
        data: {page.html: version 1, other: x}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: web-secret}
        stringData: {password: s3cr3t}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: vols, labels: {app: vols, tier: web}}
        spec:
          terminationGracePeriodSeconds: 1
          volumes:
          - {name: cfg, configMap: {name: web-config}}
          - name: picked
            configMap:
              name: web-config
              items: [{key: other, path: sub/renamed, mode: 0600}]
          - {name: sec, secret: {secretName: web-secret, defaultMode: 0400}}
          - name: info
            downwardAPI:
              items:
              - {path: labels, fieldRef: {fieldPath: metadata.labels}}
              - {path: name, fieldRef: {fieldPath: metadata.name}}
              - path: mem
                resourceFieldRef: {containerName: c, resource: limits.memory, divisor: 1Mi}
          - name: all
            projected:
              sources:
              - configMap: {name: web-config, items: [{key: page.html, path: page}]}
              - secret: {name: web-secret}
              - downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]}
          - name: host
            hostPath: {path: HOSTDIR, type: Directory}
          containers:
          - name: c
            image: IMAGE
            resources: {limits: {memory: 32Mi}}
            command:
            - sh
            - -c
            - |
              mkdir -p /report
              stat -L -c '%a %n' /etc/cfg/page.html /etc/picked/sub/renamed /etc/sec/password > /report/modes
              grep -E ' /etc/(sec|cfg) ' /proc/mounts | cut -d' ' -f1-4 > /report/mounts
              touch /etc/cfg/new 2>/dev/null && echo writable > /report/cfg-ro || echo read-only > /report/cfg-ro
              touch /host/new 2>/dev/null && echo writable > /report/host-ro || echo read-only > /report/host-ro
              exec httpd -f -p 8080 -h /
            volumeMounts:
            - {name: cfg, mountPath: /etc/cfg}
            - {name: picked, mountPath: /etc/picked}
            - {name: sec, mountPath: /etc/sec}
            - {name: info, mountPath: /etc/info}
            - {name: all, mountPath: /etc/all}
            - {name: host, mountPath: /host, readOnly: true}
            - {name: cfg, mountPath: /single/page.html, subPath: page.html}
        """
            .replace("HOSTDIR", hostDir.toString()));
    String ip = running("vols");

    assertThat(fetch(ip, "/etc/cfg/page.html")).isEqualTo("version 1");
    assertThat(fetch(ip, "/etc/picked/sub/renamed")).isEqualTo("x");
    assertThat(fetch(ip, "/etc/sec/password")).isEqualTo("s3cr3t");
    assertThat(fetch(ip, "/etc/info/labels")).isEqualTo("app=\"vols\"\ntier=\"web\"");
    assertThat(fetch(ip, "/etc/info/name")).isEqualTo("vols");
    assertThat(fetch(ip, "/etc/info/mem")).isEqualTo("32");
    assertThat(fetch(ip, "/etc/all/page")).isEqualTo("version 1");
    assertThat(fetch(ip, "/etc/all/password")).isEqualTo("s3cr3t");
    assertThat(fetch(ip, "/etc/all/ns")).isEqualTo("default");
    assertThat(fetch(ip, "/host/from-host")).isEqualTo("host file\n");
    assertThat(fetch(ip, "/single/page.html")).isEqualTo("version 1");
    assertThat(fetch(ip, "/report/modes"))
        .isEqualTo("644 /etc/cfg/page.html\n600 /etc/picked/sub/renamed\n400 /etc/sec/password\n");
    assertThat(fetch(ip, "/report/mounts"))
        .containsPattern("\\S+ /etc/cfg \\S+ ro,")
        .containsPattern("tmpfs /etc/sec tmpfs ro,");
    assertThat(fetch(ip, "/report/cfg-ro")).isEqualTo("read-only\n");
    assertThat(fetch(ip, "/report/host-ro")).isEqualTo("read-only\n");

    ok(
        "patch",
        "configmap",
        "web-config",
        "--type=merge",
        "-p",
        "{\"data\":{\"page.html\":\"version 2\"}}");
    ok("label", "pod", "vols", "tier=api", "--overwrite");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(fetch(ip, "/etc/cfg/page.html")).isEqualTo("version 2");
              assertThat(fetch(ip, "/etc/all/page")).isEqualTo("version 2");
              assertThat(fetch(ip, "/etc/info/labels")).isEqualTo("app=\"vols\"\ntier=\"api\"");
            });
    assertThat(fetch(ip, "/single/page.html"))
        .as("a subPath mount keeps its file")
        .isEqualTo("version 1");

    String uid = field("vols", "{.metadata.uid}");
    Path volumes = dir.resolve("agent/volumes").resolve(uid);
    assertThat(volumes.resolve("kubernetes.io~secret/sec")).isDirectory();
    ok("delete", "pod", "vols", "--timeout=30s");
    assertThat(volumes).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(uid);
    assertThat(hostDir.resolve("from-host")).hasContent("host file");
  }

  @Test
  void fsGroupLetsANonRootContainerReadItsSecretsAndWriteItsEmptyDir() throws Exception {
    ok("create", "secret", "generic", "owned", "--from-literal=key=s3cret");
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: grouped}
        spec:
          restartPolicy: Never
          securityContext: {runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000}
          containers:
          - name: c
            image: IMAGE
            command: [sh, -c, 'test "$(cat /s/key)" = s3cret && touch /e/made && exit 0; exit 1']
            volumeMounts: [{name: s, mountPath: /s}, {name: e, mountPath: /e}]
          volumes:
          - {name: s, secret: {secretName: owned, defaultMode: 0400}}
          - {name: e, emptyDir: {}}
        """);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(field("grouped", "{.status.phase}")).isEqualTo("Succeeded"));
    ok("delete", "pod", "grouped", "--grace-period=1");
  }
}
