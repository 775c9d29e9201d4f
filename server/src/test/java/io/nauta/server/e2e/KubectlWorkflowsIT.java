package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * kubectl workflows beyond plain CRUD against a real {@code nauta server}: auth questions, set
 * image, diff, and the pod streaming commands before a node agent exists.
 */
class KubectlWorkflowsIT extends ServerProcessTest {

  @Test
  void answersWhoAmIAndCanI() throws Exception {
    assertThat(ok("auth", "whoami").out()).contains("admin", "system:masters");
    // kubectl sends this review as protobuf
    assertThat(ok("auth", "can-i", "create", "pods").out().trim()).isEqualTo("yes");
    assertThat(ok("auth", "can-i", "--list").out()).contains("*.*");
    assertThat(ok("api-resources").out()).contains("selfsubjectaccessreviews");
  }

  @Test
  void streamingCommandsOnAPodNoNodeRunsAnswerAsKubernetesDoes() throws Exception {
    nauta.kubectlWithInput(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"waiting\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}",
        "create",
        "-f",
        "-");
    // no node runs it: no logs yet, and nowhere to exec
    Kubectl.Result logs = nauta.kubectl("logs", "waiting");
    assertThat(logs.code()).as(logs.all()).isZero();
    assertThat(logs.out()).isEmpty();
    Kubectl.Result exec = nauta.kubectl("exec", "waiting", "--", "ls");
    assertThat(exec.code()).isNotZero();
    assertThat(exec.err()).contains("pod waiting does not have a host assigned");
    Kubectl.Result missing = nauta.kubectl("logs", "absent");
    assertThat(missing.err()).contains("pods \"absent\" not found");
  }

  @Test
  void setsImageAndDiffsAgainstTheLiveObject() throws Exception {
    Path f = dir.resolve("web.yaml");
    Files.writeString(
        f,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
        """);
    ok("apply", "-f", f.toString());
    ok("set", "image", "deploy/web", "web=nginx:1.28");
    assertThat(
            ok("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
                .out())
        .isEqualTo("nginx:1.28");
    Kubectl.Result diff = nauta.kubectl("diff", "-f", f.toString());
    assertThat(diff.code()).as(diff.all()).isEqualTo(1); // 1: differences found
    assertThat(diff.out()).contains("-      - image: nginx:1.28", "+      - image: nginx:1.27");
  }

  @Test
  void unknownFieldsAreRejectedByDefaultAndWarnedWhenAsked() throws Exception {
    Path f = dir.resolve("typo.yaml");
    Files.writeString(
        f,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: typo}
        spec:
          replica: 3
          selector: {matchLabels: {app: typo}}
          template:
            metadata: {labels: {app: typo}}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
        """);
    Kubectl.Result strict = nauta.kubectl("apply", "-f", f.toString());
    assertThat(strict.code()).isNotZero();
    assertThat(strict.err()).contains("strict decoding error: unknown field \"spec.replica\"");
    assertThat(nauta.kubectl("get", "deploy", "typo").code()).isNotZero();

    Kubectl.Result warn = ok("apply", "--validate=warn", "-f", f.toString());
    assertThat(warn.err()).contains("Warning: unknown field \"spec.replica\"");
    assertThat(ok("get", "deploy", "typo", "-o", "json").out()).doesNotContain("\"replica\"");
  }

  @Test
  void appliesADirectoryOfManyKindsAndPrunesBySelector() throws Exception {
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(
        manifests.resolve("a-namespace.yaml"),
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {stack: shop}}\n");
    Files.writeString(
        manifests.resolve("b-config.yaml"),
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: shop-config, namespace: shop, labels: {stack: shop}}
        data: {mode: fast}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: shop-secret, namespace: shop, labels: {stack: shop}}
        stringData: {password: hunter2}
        """);
    Files.writeString(
        manifests.resolve("c-workloads.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: shop-web, namespace: shop, labels: {stack: shop}}
        spec:
          selector: {matchLabels: {app: shop-web}}
          template:
            metadata: {labels: {app: shop-web}}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: shop-web, namespace: shop, labels: {stack: shop}}
        spec:
          selector: {app: shop-web}
          ports: [{port: 80}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: shop-report, namespace: shop, labels: {stack: shop}}
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: report, image: busybox}]
        """);
    Kubectl.Result first = ok("apply", "-f", manifests.toString());
    assertThat(first.out())
        .contains(
            "namespace/shop created",
            "configmap/shop-config created",
            "secret/shop-secret created",
            "deployment.apps/shop-web created",
            "service/shop-web created",
            "cronjob.batch/shop-report created");
    assertThat(ok("apply", "-f", manifests.toString()).out())
        .contains("deployment.apps/shop-web unchanged");

    Files.delete(manifests.resolve("b-config.yaml"));
    Kubectl.Result pruned = ok("apply", "-f", manifests.toString(), "--prune", "-l", "stack=shop");
    assertThat(pruned.out()).contains("configmap/shop-config pruned", "secret/shop-secret pruned");
    assertThat(nauta.kubectl("get", "cm", "shop-config", "-n", "shop").code()).isNotZero();
    assertThat(ok("get", "deploy,svc,cronjob", "-n", "shop", "-o", "name").out())
        .contains("deployment.apps/shop-web", "service/shop-web", "cronjob.batch/shop-report");
  }

  @Test
  void describeShowsTheObjectsEvents() throws Exception {
    nauta.kubectlWithInput(
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"described\"}}",
        "create",
        "-f",
        "-");
    String uid = ok("get", "cm", "described", "-o", "jsonpath={.metadata.uid}").out();
    nauta.kubectlWithInput(
        """
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"described.1"},
         "involvedObject":{"apiVersion":"v1","kind":"ConfigMap","name":"described","namespace":"default","uid":"%s"},
         "reason":"Checked","message":"looked at it","type":"Normal","count":1,
         "firstTimestamp":"2026-01-01T00:00:00Z","lastTimestamp":"2026-01-01T00:00:00Z",
         "source":{"component":"tester"}}
        """
            .formatted(uid),
        "create",
        "-f",
        "-");
    assertThat(ok("describe", "cm", "described").out())
        .contains("Events:", "Checked", "looked at it");
    assertThat(ok("events", "--for", "configmap/described").out()).contains("Checked");
  }

  @Test
  void printsTheOutputFormatsUsersAskFor() throws Exception {
    for (String n : new String[] {"out-b", "out-a"}) {
      nauta.kubectlWithInput(
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
              + n
              + "\",\"labels\":{\"fmt\":\"yes\"}},\"data\":{\"k\":\""
              + n
              + "\"}}",
          "create",
          "-f",
          "-");
    }
    assertThat(ok("get", "cm", "-l", "fmt=yes", "-o", "name").out())
        .isEqualTo("configmap/out-a\nconfigmap/out-b\n");
    assertThat(ok("get", "cm", "out-a", "-o", "yaml").out()).contains("name: out-a", "k: out-a");
    assertThat(ok("get", "cm", "out-a", "-o", "json").out()).contains("\"name\": \"out-a\"");
    assertThat(
            ok("get", "cm", "-l", "fmt=yes", "-o", "custom-columns=NAME:.metadata.name,K:.data.k")
                .out())
        .contains("NAME", "out-a", "out-b");
    assertThat(ok("get", "cm", "-l", "fmt=yes", "--show-labels").out()).contains("fmt=yes");
    assertThat(
            ok("get", "cm", "-A", "-l", "fmt=yes", "--sort-by=.metadata.name", "-o", "name").out())
        .isEqualTo("configmap/out-a\nconfigmap/out-b\n");
    assertThat(ok("get", "cm", "-l", "fmt=yes", "-o", "jsonpath={.items[*].data.k}").out())
        .isEqualTo("out-a out-b");
  }

  @Test
  void createsSecretsAndConfigMapsOverProtobuf() throws Exception {
    // kubectl sends these bodies as protobuf and asks for a protobuf answer first
    assertThat(
            ok("create", "secret", "generic", "pb-secret", "--from-literal=password=hunter2").out())
        .contains("secret/pb-secret created");
    assertThat(ok("create", "configmap", "pb-config", "--from-literal=mode=fast").out())
        .contains("configmap/pb-config created");
    assertThat(ok("get", "secret", "pb-secret", "-o", "jsonpath={.data.password}").out())
        .isEqualTo("aHVudGVyMg==");
    assertThat(ok("get", "cm", "pb-config", "-o", "jsonpath={.data.mode}").out()).isEqualTo("fast");
    ok("create", "deployment", "scaled", "--image=nginx:1.27");
    assertThat(ok("autoscale", "deploy", "scaled", "--min=1", "--max=3").out())
        .contains("horizontalpodautoscaler.autoscaling/scaled autoscaled");
    assertThat(ok("get", "hpa", "scaled", "-o", "jsonpath={.spec.maxReplicas}").out())
        .isEqualTo("3");
  }

  @Test
  void podsTakeTheirPriorityFromTheirClass() throws Exception {
    assertThat(ok("get", "priorityclass").out())
        .contains("system-node-critical", "2000001000", "system-cluster-critical");
    ok("create", "priorityclass", "high", "--value=1000");
    nauta.kubectlWithInput(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"important\"},"
            + "\"spec\":{\"priorityClassName\":\"high\",\"containers\":[{\"name\":\"c\","
            + "\"image\":\"busybox\"}]}}",
        "create",
        "-f",
        "-");
    assertThat(ok("get", "pod", "important", "-o", "jsonpath={.spec.priority}").out())
        .isEqualTo("1000");

    Kubectl.Result unknown =
        nauta.kubectlWithInput(
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"lost\"},"
                + "\"spec\":{\"priorityClassName\":\"nope\",\"containers\":[{\"name\":\"c\","
                + "\"image\":\"busybox\"}]}}",
            "create",
            "-f",
            "-");
    assertThat(unknown.code()).isNotZero();
    assertThat(unknown.err()).contains("no PriorityClass with name nope was found");

    ok("create", "priorityclass", "everyone", "--value=7", "--global-default=true");
    try {
      ok("run", "ordinary", "--image=busybox");
      assertThat(
              ok(
                      "get",
                      "pod",
                      "ordinary",
                      "-o",
                      "jsonpath={.spec.priorityClassName}={.spec.priority}")
                  .out())
          .isEqualTo("everyone=7");
    } finally {
      ok("delete", "priorityclass", "everyone");
    }
  }
}
