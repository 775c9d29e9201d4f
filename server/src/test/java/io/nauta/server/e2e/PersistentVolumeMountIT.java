package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PersistentVolumeClaims mounted into real containers by {@code nauta agent}: claims of an
 * Immediate {@code nauta.io/local-path} class (provisioned as directories on the node) and a static
 * hostPath volume; data outliving its pod, read-only mounts, subPath, fsGroup ownership, and a pod
 * whose claim is missing or unbound waiting (FailedMount) until it is bound. Containers report
 * through their logs.
 */
class PersistentVolumeMountIT extends RealNodeTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @BeforeAll
  void startAgent() throws Exception {
    startNode("disk-1");
    apply(
        """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: nauta.io/local-path
        volumeBindingMode: Immediate
        reclaimPolicy: Delete
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: shared}
        spec:
          storageClassName: fast
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 10Mi}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: owned}
        spec:
          storageClassName: fast
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 10Mi}}
        """);
    bound("shared");
    bound("owned");
  }

  @AfterAll
  void deletePods() throws Exception {
    if (agent != null) {
      nauta.kubectl("delete", "pods", "--all", "--grace-period=1", "--timeout=60s");
    }
  }

  private void apply(String yaml) throws Exception {
    Kubectl.Result r = nauta.kubectlWithInput(yaml.replace("IMAGE", image), "apply", "-f", "-");
    assertThat(r.code()).as(r.all()).isZero();
  }

  private String field(String kind, String name, String jsonpath) throws Exception {
    return ok("get", kind, name, "-o", "jsonpath=" + jsonpath).out();
  }

  private void bound(String claim) throws Exception {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(field("pvc", claim, "{.status.phase}")).isEqualTo("Bound"));
  }

  /** The directory on the node behind {@code claim}'s volume. */
  private Path volumeDir(String claim) throws Exception {
    String pv = field("pvc", claim, "{.spec.volumeName}");
    return Path.of(field("pv", pv, "{.spec.hostPath.path}"));
  }

  /** Runs a one-shot pod to its end and returns its logs. */
  private String run(String name, String phase, String spec) throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s}
        spec:
          restartPolicy: Never
          terminationGracePeriodSeconds: 1
        %s
        """
            .formatted(name, spec.indent(2)));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(field("pod", name, "{.status.phase}")).isEqualTo(phase));
    return ok("logs", name).out();
  }

  @Test
  void dataWrittenByOnePodIsReadByTheNextAndSubPathsAreDirectoriesOfTheVolume() throws Exception {
    run(
        "writer",
        "Succeeded",
        """
        containers:
        - name: c
          image: IMAGE
          command: [sh, -c, 'echo hello-from-writer > /data/greeting && echo in-sub > /logs/f']
          volumeMounts:
          - {name: data, mountPath: /data}
          - {name: data, mountPath: /logs, subPath: app/logs}
        volumes:
        - {name: data, persistentVolumeClaim: {claimName: shared}}
        """);
    ok("delete", "pod", "writer", "--timeout=60s");

    String logs =
        run(
            "reader",
            "Succeeded",
            """
            containers:
            - name: c
              image: IMAGE
              command: [sh, -c, 'cat /data/greeting /data/app/logs/f']
              volumeMounts: [{name: data, mountPath: /data}]
            volumes:
            - {name: data, persistentVolumeClaim: {claimName: shared}}
            """);
    assertThat(logs).isEqualTo("hello-from-writer\nin-sub\n");
    Path dir = volumeDir("shared");
    assertThat(dir.resolve("greeting")).as("on the node").hasContent("hello-from-writer");
    assertThat(dir.resolve("app/logs/f")).hasContent("in-sub");
  }

  @Test
  void readOnlyMountsAndReadOnlyClaimsRefuseWrites() throws Exception {
    String logs =
        run(
            "read-only",
            "Succeeded",
            """
            containers:
            - name: c
              image: IMAGE
              command: [sh, -c, 'touch /mount-ro/x; touch /claim-ro/x; touch /rw/x && echo rw-ok']
              volumeMounts:
              - {name: data, mountPath: /mount-ro, readOnly: true}
              - {name: ro-claim, mountPath: /claim-ro}
              - {name: data, mountPath: /rw}
            volumes:
            - {name: data, persistentVolumeClaim: {claimName: owned}}
            - {name: ro-claim, persistentVolumeClaim: {claimName: owned, readOnly: true}}
            """);
    assertThat(logs)
        .contains(
            "touch: /mount-ro/x: Read-only file system",
            "touch: /claim-ro/x: Read-only file system",
            "rw-ok");
  }

  @Test
  void fsGroupOwnsALocalPathVolume() throws Exception {
    String logs =
        run(
            "grouped",
            "Succeeded",
            """
            securityContext: {runAsUser: 1000, runAsGroup: 1000, fsGroup: 2345}
            containers:
            - name: c
              image: IMAGE
              command: [sh, -c, 'stat -c "%g %a" /data; touch /data/mine && ls -ln /data/mine']
              volumeMounts: [{name: data, mountPath: /data}]
            volumes:
            - {name: data, persistentVolumeClaim: {claimName: owned}}
            """);
    assertThat(logs).startsWith("2345 2777\n").containsPattern("1000\\s+2345\\s.*/data/mine");
    assertThat((int) Files.getAttribute(volumeDir("owned"), "unix:gid")).isEqualTo(2345);
  }

  @Test
  void aPodWaitsForItsClaimToExistAndBeBound() throws Exception {
    Path disk = Files.createDirectories(dir.resolve("static-disk"));
    Files.writeString(disk.resolve("note"), "static");
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: patient}
        spec:
          nodeName: %s
          restartPolicy: Never
          terminationGracePeriodSeconds: 1
          containers:
          - name: c
            image: IMAGE
            command: [cat, /data/note]
            volumeMounts: [{name: data, mountPath: /data}]
          volumes:
          - {name: data, persistentVolumeClaim: {claimName: later}}
        """
            .formatted(nodeName));
    awaitEvent(
        "patient",
        "error processing PVC default/later: failed to fetch PVC from API server:"
            + " persistentvolumeclaims \"later\" not found");
    assertThat(field("pod", "patient", "{.status.phase}")).isEqualTo("Pending");

    apply(
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: later}
        spec:
          storageClassName: manual
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Mi}}
        """);
    awaitEvent(
        "patient",
        "error processing PVC default/later: PVC default/later has non-bound phase"
            + " (\"Pending\") or empty pvc.Spec.VolumeName (\"\")");
    assertThat(field("pod", "patient", "{.status.phase}")).isEqualTo("Pending");
    assertThat(ok("get", "pod", "patient").out())
        .containsPattern("patient\\s+0/1\\s+ContainerCreating");

    apply(
        """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: static-disk}
        spec:
          storageClassName: manual
          capacity: {storage: 1Mi}
          accessModes: [ReadWriteOnce]
          hostPath: {path: %s, type: Directory}
        """
            .formatted(disk));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(field("pod", "patient", "{.status.phase}")).isEqualTo("Succeeded"));
    assertThat(ok("logs", "patient").out()).isEqualTo("static");
  }

  private void awaitEvent(String pod, String text) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              String events =
                  ok(
                          "get",
                          "events",
                          "--field-selector",
                          "involvedObject.name=" + pod + ",reason=FailedMount",
                          "-o",
                          "jsonpath={range .items[*]}{.type} {.message}{\"\\n\"}{end}")
                      .out();
              assertThat(events)
                  .contains("Warning MountVolume.SetUp failed for volume \"data\" : " + text);
            });
  }
}
