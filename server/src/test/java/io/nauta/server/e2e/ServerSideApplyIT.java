package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code kubectl apply --server-side} against a real {@code nauta server}, as users run it. */
class ServerSideApplyIT extends ServerProcessTest {

  private Path deployment(String name, int replicas, String image) throws Exception {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(
        f,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, labels: {app: %s}}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - name: web
                image: %s
        """
            .formatted(name, name, replicas, name, name, image));
    return f;
  }

  @Test
  void createsOnFirstApplyAndRecordsTheManager() throws Exception {
    Kubectl.Result r =
        ok("apply", "--server-side", "-f", deployment("first", 2, "nginx:1.27").toString());
    assertThat(r.out()).contains("deployment.apps/first serverside-applied");
    Kubectl.Result managers =
        ok(
            "get",
            "deploy",
            "first",
            "--show-managed-fields",
            "-o",
            "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation} {end}");
    // besides kubectl's apply, only the Deployment controller (revision annotation) may write
    assertThat(managers.out().trim().split(" "))
        .startsWith("kubectl/Apply")
        .containsOnly("kubectl/Apply", "nauta-controller-manager/Update");
  }

  @Test
  void reportsConflictWithAnotherManagerUntilForced() throws Exception {
    ok("apply", "--server-side", "-f", deployment("contested", 2, "nginx:1.27").toString());
    ok("scale", "deploy", "contested", "--replicas=5");

    Path changed = deployment("contested", 3, "nginx:1.27");
    Kubectl.Result conflict = nauta.kubectl("apply", "--server-side", "-f", changed.toString());
    assertThat(conflict.code()).isNotZero();
    assertThat(conflict.err()).contains("Apply failed with 1 conflict", ".spec.replicas");
    assertThat(ok("get", "deploy", "contested", "-o", "jsonpath={.spec.replicas}").out())
        .isEqualTo("5");

    ok("apply", "--server-side", "--force-conflicts", "-f", changed.toString());
    assertThat(ok("get", "deploy", "contested", "-o", "jsonpath={.spec.replicas}").out())
        .isEqualTo("3");
  }

  @Test
  void removesFieldsTheManagerStopsApplying() throws Exception {
    Path f = dir.resolve("cm.yaml");
    Files.writeString(
        f, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: '1', b: '2'}\n");
    ok("apply", "--server-side", "-f", f.toString());
    Files.writeString(
        f, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: '1'}\n");
    ok("apply", "--server-side", "-f", f.toString());
    assertThat(ok("get", "cm", "settings", "-o", "jsonpath={.data}").out())
        .isEqualTo("{\"a\":\"1\"}");
  }

  @Test
  void takesOverFromClientSideApply() throws Exception {
    Path f = deployment("migrated", 1, "nginx:1.27");
    ok("apply", "-f", f.toString());
    Kubectl.Result r =
        ok("apply", "--server-side", "-f", deployment("migrated", 2, "nginx:1.28").toString());
    assertThat(r.out()).contains("serverside-applied");
    assertThat(
            ok(
                    "get",
                    "deploy",
                    "migrated",
                    "-o",
                    "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}")
                .out())
        .isEqualTo("2 nginx:1.28");
  }

  @Test
  void dryRunServerChangesNothing() throws Exception {
    ok("apply", "--server-side", "-f", deployment("dry", 1, "nginx:1.27").toString());
    Kubectl.Result r =
        ok(
            "apply",
            "--server-side",
            "--dry-run=server",
            "-f",
            deployment("dry", 4, "nginx:1.27").toString());
    assertThat(r.out()).contains("(server dry run)");
    assertThat(ok("get", "deploy", "dry", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("1");
  }
}
