package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code nauta store export} copies a stopped server's store into a file and {@code nauta store
 * import} loads it into a new data directory: a server started there serves the same objects, with
 * the same UIDs, and its controllers find their work already done.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreExportIT extends ServerProcessTest {
  /** Every object the test made, as kind/namespace/name=uid lines. */
  private static final String IDENTITIES =
      "jsonpath={range .items[*]}{.kind}/{.metadata.namespace}/{.metadata.name}={.metadata.uid}"
          + "{\"\\n\"}{end}";

  private NautaProcess imported;

  @AfterAll
  void stopImported() throws Exception {
    if (imported != null) {
      imported.close();
    }
  }

  /** Runs a one-shot nauta command; returns its exit code and output. */
  private static Kubectl.Result nautaCommand(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-jar");
    cmd.add(NautaProcess.jar().toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Kubectl.Result(p.exitValue(), out, "");
  }

  private static String identities(NautaProcess server) throws Exception {
    Kubectl.Result r =
        server.kubectl(
            "get",
            "namespaces,configmaps,secrets,services,deployments,replicasets,pods",
            "-n",
            "shop",
            "-o",
            IDENTITIES);
    assertThat(r.code()).as(r.all()).isZero();
    return r.out();
  }

  @Test
  @Order(1)
  void exportRefusesTheDataDirOfARunningServer() throws Exception {
    Path file = dir.resolve("refused.dump");
    Kubectl.Result r =
        nautaCommand(
            "store", "export", file.toString(), "--data-dir", dir.resolve("data").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "nauta store export: the store in "
                + dir.resolve("data").resolve("store")
                + " is in use: a server is running on --data-dir "
                + dir.resolve("data")
                + "; stop it first");
    assertThat(file).doesNotExist();
  }

  @Test
  @Order(2)
  void aServerOnTheImportedStoreServesTheSameObjects() throws Exception {
    ok("create", "namespace", "shop");
    ok("create", "configmap", "prices", "-n", "shop", "--from-literal=apple=3");
    ok("create", "secret", "generic", "vault", "-n", "shop", "--from-literal=key=s3cr3t");
    ok("create", "deployment", "web", "-n", "shop", "--image=nginx", "--replicas=2");
    ok("create", "service", "clusterip", "web", "-n", "shop", "--tcp=80:8080");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pods", "-n", "shop", "-o", "name").out().lines()).hasSize(2));
    String before = identities(nauta);
    String clusterIp =
        ok("get", "svc", "web", "-n", "shop", "-o", "jsonpath={.spec.clusterIP}").out();
    assertThat(before).contains("Namespace//shop=", "ConfigMap/shop/prices=", "Pod/shop/web-");
    assertThat(nauta.stop()).isZero();

    Path file = dir.resolve("cluster.dump");
    Kubectl.Result exported =
        nautaCommand(
            "store", "export", file.toString(), "--data-dir", dir.resolve("data").toString());
    assertThat(exported.code()).as(exported.out()).isZero();
    assertThat(exported.out()).containsPattern("Exported \\d+ keys \\(revision \\d+\\)");
    assertThat(Files.readAllLines(file).get(0))
        .startsWith("{\"format\":\"nauta-store-dump\",\"version\":1,");

    Path copy = dir.resolve("copy");
    Kubectl.Result loaded =
        nautaCommand("store", "import", file.toString(), "--data-dir", copy.toString());
    assertThat(loaded.code()).as(loaded.out()).isZero();
    assertThat(loaded.out()).contains("Imported ");
    // the same file does not go into a store twice
    Kubectl.Result again =
        nautaCommand("store", "import", file.toString(), "--data-dir", copy.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.out()).contains("is not empty");

    imported = NautaProcess.start(copy, NautaProcess.freePort());
    assertThat(identities(imported)).isEqualTo(before);
    Kubectl.Result price =
        imported.kubectl(
            "get", "configmap", "prices", "-n", "shop", "-o", "jsonpath={.data.apple}");
    assertThat(price.out()).isEqualTo("3");
    Kubectl.Result ip =
        imported.kubectl("get", "svc", "web", "-n", "shop", "-o", "jsonpath={.spec.clusterIP}");
    assertThat(ip.out()).isEqualTo(clusterIp);
    // the server takes writes, and its controllers find the deployment's pods already there: no
    // pod is made or replaced
    assertThat(imported.kubectl("create", "configmap", "marker", "-n", "shop").code()).isZero();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        identities(imported)
                            .lines()
                            .filter(l -> !l.startsWith("ConfigMap/shop/marker="))
                            .map(l -> l + "\n")
                            .reduce("", String::concat))
                    .isEqualTo(before));
  }
}
