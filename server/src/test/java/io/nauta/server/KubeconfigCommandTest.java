package io.nauta.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigCommandTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String ADMIN =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: nauta
        cluster:
          server: https://127.0.0.1:6443
          certificate-authority-data: Q0E=
      users:
      - name: admin
        user:
          client-certificate-data: Q0VSVA==
          client-key-data: S0VZ
      contexts:
      - name: nauta
        context:
          cluster: nauta
          user: admin
          namespace: default
      current-context: nauta
      """;

  @TempDir Path dir;

  @Test
  void aContextPerServerWithTheCredentialsAndCaOfTheCurrentContext() throws Exception {
    ObjectNode out =
        KubeconfigCommand.rewrite(
            (ObjectNode) YAML.readTree(ADMIN),
            List.of("https://10.0.0.1:6443", "https://10.0.0.2:6443"));
    assertThat(out.path("clusters").findValuesAsText("server"))
        .containsExactly("https://10.0.0.1:6443", "https://10.0.0.2:6443");
    assertThat(out.path("clusters").findValuesAsText("certificate-authority-data"))
        .containsExactly("Q0E=", "Q0E=");
    assertThat(out.path("contexts").findValuesAsText("name")).containsExactly("nauta-1", "nauta-2");
    assertThat(out.path("contexts").get(1).path("context").path("cluster").asText())
        .isEqualTo("nauta-2");
    assertThat(out.path("contexts").get(1).path("context").path("user").asText())
        .isEqualTo("admin");
    assertThat(out.path("current-context").asText()).isEqualTo("nauta-1");
    assertThat(out.path("users").get(0).path("user").path("client-key-data").asText())
        .isEqualTo("S0VZ");
  }

  @Test
  void kubectlReadsWhatTheCommandPrints() throws Exception {
    Files.writeString(dir.resolve("kubeconfig.yaml"), ADMIN);
    StringWriter err = new StringWriter();
    var cmd = Main.commandLine().setErr(new PrintWriter(err));
    Path out = dir.resolve("out.yaml");
    int code =
        cmd.execute(
            "kubeconfig",
            "--data-dir",
            dir.toString(),
            "--server-list",
            "https://10.0.0.1:6443,https://10.0.0.2:6443",
            "-o",
            out.toString());
    assertThat(code).as(err.toString()).isZero();
    Process p =
        new ProcessBuilder(
                "kubectl", "--kubeconfig", out.toString(), "config", "get-contexts", "-o", "name")
            .redirectErrorStream(true)
            .start();
    String listed = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(listed).isZero();
    assertThat(listed).isEqualTo("nauta-1\nnauta-2\n");
  }

  @Test
  void aKubeconfigWithoutACurrentContextIsRefusedWithTheReason() throws Exception {
    assertThatThrownBy(
            () ->
                KubeconfigCommand.rewrite(
                    (ObjectNode) YAML.readTree("apiVersion: v1\nkind: Config\n"),
                    List.of("https://10.0.0.1:6443")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no current context");
  }
}
