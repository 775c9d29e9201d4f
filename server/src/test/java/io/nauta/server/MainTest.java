package io.nauta.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setErr(new PrintWriter(err, true)).execute(args);
    return new String[] {Integer.toString(code), err.toString()};
  }

  @Test
  void aMissingKubeconfigIsOneLineAndExitCode1() {
    String[] r = run("controller-manager", "--kubeconfig", dir.resolve("nope").toString());
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[1])
        .isEqualTo("nauta controller-manager: no such file: " + dir.resolve("nope") + "\n");
  }

  @Test
  void aBadSchedulerConfigSaysWhatIsWrong() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), minimalKubeconfig());
    Path config =
        Files.writeString(
            dir.resolve("profiles.yaml"),
            "profiles:\n- schedulerName: a\n  disabled: [NoSuchPlugin]\n");
    String[] r =
        run("scheduler", "--kubeconfig", kubeconfig.toString(), "--config", config.toString());
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[1]).startsWith("nauta scheduler: " + config + ": unknown plugin \"NoSuchPlugin\"");
    assertThat(r[1]).doesNotContain("\tat ");
  }

  @Test
  void aNegativeVolumeLimitIsRefusedBeforeTheAgentStarts() {
    for (String command : new String[] {"agent", "server"}) {
      String[] r = run(command, "--max-local-path-volumes", "-1");
      assertThat(r[0]).isEqualTo("2");
      assertThat(r[1])
          .contains(
              "Invalid value for option '--max-local-path-volumes': must be greater than or equal"
                  + " to 0");
    }
  }

  private static String minimalKubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """;
  }
}
