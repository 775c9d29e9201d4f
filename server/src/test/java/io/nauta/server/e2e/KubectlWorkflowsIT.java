package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kubectl workflows beyond plain CRUD against a real {@code nauta server}: auth questions, set
 * image, diff, and the pod streaming commands before a node agent exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlWorkflowsIT {
  private Path dir;
  private NautaProcess nauta;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("nauta-workflows-it");
    nauta = NautaProcess.start(dir.resolve("data"), NautaProcess.freePort());
  }

  @AfterAll
  void stop() throws Exception {
    if (nauta != null) {
      nauta.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private Kubectl.Result ok(String... args) throws Exception {
    Kubectl.Result r = nauta.kubectl(args);
    assertThat(r.code()).as("kubectl %s\n%s", String.join(" ", args), r.all()).isZero();
    return r;
  }

  @Test
  void answersWhoAmIAndCanI() throws Exception {
    assertThat(ok("auth", "whoami").out()).contains("admin", "system:masters");
    // kubectl sends this review as protobuf
    assertThat(ok("auth", "can-i", "create", "pods").out().trim()).isEqualTo("yes");
    assertThat(ok("auth", "can-i", "--list").out()).contains("*.*");
    assertThat(ok("api-resources").out()).contains("selfsubjectaccessreviews");
  }

  @Test
  void streamingCommandsSayThereIsNoNodeAgentYet() throws Exception {
    nauta.kubectlWithInput(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"waiting\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}",
        "create",
        "-f",
        "-");
    Kubectl.Result logs = nauta.kubectl("logs", "waiting");
    assertThat(logs.code()).isNotZero();
    assertThat(logs.err())
        .contains("pod \"waiting\" is not running on any node", "no node agent yet");
    Kubectl.Result exec = nauta.kubectl("exec", "waiting", "--", "ls");
    assertThat(exec.code()).isNotZero();
    assertThat(exec.err()).contains("no node agent yet to exec into it");
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
}
