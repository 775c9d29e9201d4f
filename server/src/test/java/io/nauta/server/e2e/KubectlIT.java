package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The real kubectl 1.32 against a real {@code nauta server} process, as a user would use it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlIT extends ServerProcessTest {

  @Test
  @Order(1)
  void writesPrivateKubeconfigAndPrintsHowToUseIt() throws Exception {
    assertThat(Files.getPosixFilePermissions(nauta.kubeconfig()))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertThat(nauta.output()).anyMatch(l -> l.contains("KUBECONFIG=" + nauta.kubeconfig()));
    Kubectl.Result v = ok("version", "-o", "json");
    assertThat(v.out()).contains("\"minor\": \"32\"");
  }

  @Test
  @Order(2)
  void listsSystemNamespaces() throws Exception {
    Kubectl.Result r = ok("get", "namespaces");
    assertThat(r.out())
        .contains(
            "NAME",
            "STATUS",
            "AGE",
            "default",
            "kube-system",
            "kube-public",
            "kube-node-lease",
            "Active");
  }

  @Test
  @Order(3)
  void createsGetsAndDescribesSeveralKinds() throws Exception {
    Path manifests =
        file(
            "app.yaml",
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
              labels: {app: web, tier: front}
            data:
              color: blue
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels: {app: web}
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: registry.local/web:1.0
                    ports:
                    - containerPort: 8080
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 8080
            """);
    Kubectl.Result created = ok("create", "-f", manifests.toString());
    assertThat(created.out())
        .contains(
            "namespace/shop created",
            "configmap/settings created",
            "deployment.apps/web created",
            "service/web created");

    Kubectl.Result deploy = ok("get", "deployments", "-n", "shop", "-o", "wide");
    assertThat(deploy.out())
        .contains("READY", "UP-TO-DATE", "AVAILABLE", "web", "registry.local/web:1.0", "app=web");

    Kubectl.Result cm = ok("get", "cm", "-n", "shop", "-l", "tier=front");
    assertThat(cm.out()).contains("settings").contains("DATA");
    Kubectl.Result none = ok("get", "cm", "-n", "shop", "-l", "tier notin (front)");
    assertThat(none.out() + none.err()).doesNotContain("settings");

    Kubectl.Result yaml = ok("get", "configmap", "settings", "-n", "shop", "-o", "yaml");
    assertThat(yaml.out())
        .contains("color: blue", "uid:", "resourceVersion:", "creationTimestamp:");

    Kubectl.Result describe = ok("describe", "configmap", "settings", "-n", "shop");
    assertThat(describe.out()).contains("Name:", "settings", "Namespace:", "shop", "color");

    Kubectl.Result all = ok("get", "all", "-n", "shop");
    assertThat(all.out()).contains("deployment.apps/web", "service/web");
  }

  @Test
  @Order(4)
  void labelsAndAnnotatesObjects() throws Exception {
    ok("label", "configmap", "settings", "-n", "shop", "env=prod");
    ok("annotate", "configmap", "settings", "-n", "shop", "owner=team-a");
    Kubectl.Result r =
        ok(
            "get",
            "cm",
            "-n",
            "shop",
            "-l",
            "env=prod",
            "-o",
            "jsonpath={.items[*].metadata.annotations.owner}");
    assertThat(r.out()).isEqualTo("team-a");
    Kubectl.Result overwrite =
        nauta.kubectl("label", "configmap", "settings", "-n", "shop", "env=dev");
    assertThat(overwrite.code()).isNotZero();
    assertThat(overwrite.err()).contains("already has a value");
    ok("label", "configmap", "settings", "-n", "shop", "env-");
    assertThat(ok("get", "cm", "settings", "-n", "shop", "--show-labels").out())
        .doesNotContain("env=prod");
  }

  @Test
  @Order(5)
  void scalesADeployment() throws Exception {
    Kubectl.Result r = ok("scale", "deployment", "web", "-n", "shop", "--replicas=5");
    assertThat(r.out()).contains("deployment.apps/web scaled");
    assertThat(ok("get", "deploy", "web", "-n", "shop", "-o", "jsonpath={.spec.replicas}").out())
        .isEqualTo("5");
  }

  @Test
  @Order(6)
  void reportsConflictOnStaleUpdate() throws Exception {
    String stale = ok("get", "cm", "settings", "-n", "shop", "-o", "json").out();
    ok("label", "configmap", "settings", "-n", "shop", "bump=1");
    Path f = file("stale.json", stale);
    Kubectl.Result r = nauta.kubectl("replace", "-f", f.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err())
        .contains(
            "Operation cannot be fulfilled on configmaps \"settings\": the object has been modified");
  }

  @Test
  @Order(7)
  void editsWithAnEditor() throws Exception {
    Path editor =
        file(
            "editor.sh",
            "#!/bin/sh\nsed -i -e 's/image: registry.local\\/web:1.0/image: registry.local\\/web:2.0/' \"$1\"\n");
    editor.toFile().setExecutable(true);
    Kubectl.Result r =
        Kubectl.runWithEnv(
            nauta.kubeconfig(),
            java.util.Map.of("KUBE_EDITOR", editor.toString()),
            "edit",
            "deployment",
            "web",
            "-n",
            "shop");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("deployment.apps/web edited");
    String d = ok("get", "deploy", "web", "-n", "shop", "-o", "json").out();
    assertThat(d).contains("registry.local/web:2.0").contains("\"containerPort\": 8080");
  }

  @Test
  @Order(8)
  void explainsBadInput() throws Exception {
    Kubectl.Result badName =
        nauta.kubectlWithInput(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Not_Valid\"}}",
            "create",
            "-f",
            "-");
    assertThat(badName.code()).isNotZero();
    assertThat(badName.err())
        .contains(
            "The ConfigMap \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\":",
            "RFC 1123");

    Kubectl.Result noContainers =
        nauta.kubectlWithInput(
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[]}}",
            "create",
            "-f",
            "-");
    assertThat(noContainers.code()).isNotZero();
    assertThat(noContainers.err()).contains("spec.containers: Required value");

    Kubectl.Result missing = nauta.kubectl("get", "configmap", "nope", "-n", "shop");
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("configmaps \"nope\" not found");

    Kubectl.Result badSelector = nauta.kubectl("get", "pods", "-l", "a in (b");
    assertThat(badSelector.code()).isNotZero();

    Kubectl.Result exists = nauta.kubectl("create", "namespace", "shop");
    assertThat(exists.code()).isNotZero();
    assertThat(exists.err()).contains("namespaces \"shop\" already exists");
  }

  @Test
  @Order(9)
  void watchesChanges() throws Exception {
    Path out = dir.resolve("watch.out");
    Process w =
        Kubectl.startBackground(nauta.kubeconfig(), out, "get", "configmaps", "-n", "shop", "-w");
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> Files.readString(out).contains("settings"));
      Kubectl.Result c =
          nauta.kubectlWithInput(
              "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"watched\",\"namespace\":\"shop\"}}",
              "create",
              "-f",
              "-");
      assertThat(c.code()).as(c.all()).isZero();
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("watched"));
    } finally {
      w.destroyForcibly();
    }
  }

  @Test
  @Order(10)
  void deletesAndWaits() throws Exception {
    Kubectl.Result r = ok("delete", "configmap", "watched", "-n", "shop");
    assertThat(r.out()).contains("configmap \"watched\" deleted");
    assertThat(nauta.kubectl("get", "configmap", "watched", "-n", "shop").code()).isNotZero();
  }

  @Test
  @Order(11)
  void keepsEverythingAcrossRestart() throws Exception {
    assertThat(nauta.stop()).isZero();
    nauta = NautaProcess.start(dir.resolve("data"), port);
    Kubectl.Result r = ok("get", "cm,deploy,svc", "-n", "shop");
    assertThat(r.out()).contains("settings", "deployment.apps/web", "service/web");
    assertThat(ok("get", "deploy", "web", "-n", "shop", "-o", "jsonpath={.spec.replicas}").out())
        .isEqualTo("5");
  }

  @Test
  @Order(12)
  void deletesANamespaceWithItsContent() throws Exception {
    Kubectl.Result r = ok("delete", "namespace", "shop", "--timeout=60s");
    assertThat(r.out()).contains("namespace \"shop\" deleted");
    assertThat(nauta.kubectl("get", "namespace", "shop").code()).isNotZero();
    assertThat(ok("get", "configmaps", "-A").out()).doesNotContain("settings");
  }

  @Test
  @Order(13)
  void explainsFieldsFromTheOpenApiSchemas() throws Exception {
    Kubectl.Result containers = ok("explain", "pod.spec.containers");
    assertThat(containers.out())
        .contains(
            "KIND:",
            "Pod",
            "FIELD: containers <[]Container>",
            "The containers that run in the Pod; at least one is required.",
            "image\t<string>");
    assertThat(ok("explain", "pods").out())
        .contains("apiVersion\t<string>", "kind\t<string>", "spec\t<PodSpec>");
    Kubectl.Result replicas = ok("explain", "deployment.spec.replicas");
    assertThat(replicas.out())
        .contains("GROUP:", "apps", "Deployment", "FIELD: replicas <integer>", "How many Pods");
  }

  @Test
  @Order(14)
  void appliesADeploymentTwiceWithAChangedContainerList() throws Exception {
    String first =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: default
        spec:
          replicas: 1
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
              - name: api
                image: registry.local/api:1.0
                ports:
                - containerPort: 8080
                env:
                - {name: MODE, value: fast}
              - name: sidecar
                image: registry.local/sidecar:1.0
        """;
    assertThat(ok("apply", "-f", file("api-1.yaml", first).toString()).out())
        .contains("deployment.apps/api created");
    String second =
        first
            .replace("api:1.0", "api:2.0")
            .replace("name: sidecar", "name: logger")
            .replace("sidecar:1.0", "logger:1.0");
    assertThat(ok("apply", "-f", file("api-2.yaml", second).toString()).out())
        .contains("deployment.apps/api configured");
    String containers =
        ok(
                "get",
                "deploy",
                "api",
                "-o",
                "jsonpath={range .spec.template.spec.containers[*]}{.name}={.image};{end}")
            .out();
    assertThat(containers)
        .isEqualTo("api=registry.local/api:2.0;logger=registry.local/logger:1.0;");
    String api = ok("get", "deploy", "api", "-o", "json").out();
    assertThat(api).contains("\"containerPort\": 8080", "\"value\": \"fast\"");
  }
}
