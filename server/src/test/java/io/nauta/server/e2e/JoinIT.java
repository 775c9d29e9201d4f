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
import org.junit.jupiter.api.Test;

/**
 * Machines join with a token: {@code nauta agent --server URL --token-file F} trusts the server by
 * the CA hash in the token, gets its own node certificate through a CertificateSigningRequest the
 * server approves and signs, and registers the node; a token is good for nothing else, a wrong one
 * gets the agent nowhere, {@code nauta token create} makes more, and {@code kubectl certificate
 * approve} signs other client requests.
 */
class JoinIT extends ServerProcessTest {
  private final List<NautaProcess> agents = new ArrayList<>();

  @AfterAll
  void stopAgents() throws Exception {
    for (NautaProcess a : agents) {
      a.close();
    }
  }

  private Path serverToken() {
    return dir.resolve("data").resolve("token");
  }

  private String url() {
    return "https://127.0.0.1:" + port;
  }

  private NautaProcess join(String node, Path tokenFile) throws Exception {
    NautaProcess agent =
        NautaProcess.launch(
            dir.resolve("data"),
            port,
            List.of(
                "agent",
                "--server",
                url(),
                "--token-file",
                tokenFile.toString(),
                "--node-name",
                node,
                "--node-ip",
                "127.0.0.1",
                "--container-runtime",
                "none",
                "--data-dir",
                dir.resolve(node).toString()),
            "Nauta node agent is running");
    agents.add(agent);
    return agent;
  }

  /** Runs a one-shot nauta command; returns its exit code and output. */
  private Kubectl.Result nautaCommand(String... args) throws Exception {
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

  @Test
  void anAgentJoinsWithTheServersTokenAndGetsItsOwnNodeCertificate() throws Exception {
    String token = Files.readString(serverToken()).strip();
    assertThat(token).matches("K10[0-9a-f]{64}::[a-z0-9]{6}\\.[a-z0-9]{16}");
    assertThat(nauta.output()).anyMatch(l -> l.contains("--token-file " + serverToken()));

    join("joiner", serverToken());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ok("get", "nodes").out()).contains("joiner"));

    String id = token.substring(token.indexOf("::") + 2, token.indexOf('.'));
    String csrs = ok("get", "csr").out();
    assertThat(csrs)
        .containsPattern(
            "node-csr-joiner-\\S+\\s+\\S+\\s+kubernetes.io/kube-apiserver-client-kubelet\\s+"
                + "system:bootstrap:"
                + id
                + "\\s+<none>\\s+Approved,Issued");
    String kubeconfig = Files.readString(dir.resolve("joiner").resolve("kubeconfig.yaml"));
    assertThat(kubeconfig).doesNotContain(token.substring(token.indexOf("::") + 2));
    // the agent's own credentials: it is the node, not the token holder and not admin
    Kubectl.Result whoami =
        Kubectl.run(dir.resolve("joiner").resolve("kubeconfig.yaml"), null, "auth", "whoami");
    assertThat(whoami.out()).contains("system:node:joiner").contains("system:nodes");
  }

  @Test
  void aTokenAloneMayOnlyAskForACertificate() throws Exception {
    String token = Files.readString(serverToken()).strip();
    String bearer = token.substring(token.indexOf("::") + 2);
    Path tokenOnly =
        file(
            "token-only.yaml",
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster: {server: "%s", insecure-skip-tls-verify: true}
            users:
            - name: u
              user: {token: "%s"}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """
                .formatted(url(), bearer));
    Kubectl.Result pods = Kubectl.run(tokenOnly, null, "get", "pods", "-n", "default");
    assertThat(pods.code()).isNotZero();
    assertThat(pods.all())
        .contains(
            "pods is forbidden: User \"system:bootstrap:"
                + bearer.substring(0, 6)
                + "\" cannot list resource \"pods\" in API group \"\" in the namespace"
                + " \"default\"");
    Kubectl.Result csrs = Kubectl.run(tokenOnly, null, "get", "csr");
    assertThat(csrs.code()).as(csrs.all()).isZero();
  }

  @Test
  void aWrongTokenGetsNowhere() throws Exception {
    String token = Files.readString(serverToken()).strip();
    // right CA, wrong secret: the CSR cannot even be made
    Path wrongSecret = file("wrong-secret", token.substring(0, token.length() - 4) + "zzzz");
    Kubectl.Result r =
        nautaCommand(
            "agent",
            "--server",
            url(),
            "--token-file",
            wrongSecret.toString(),
            "--node-name",
            "intruder",
            "--container-runtime",
            "none",
            "--data-dir",
            dir.resolve("intruder").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.out()).contains("cannot join").contains("refuses the token (401 Unauthorized)");
    assertThat(r.out()).doesNotContain("at io.nauta");
    // a token for another cluster's CA: the server is not trusted at all
    Path otherCa = file("other-ca", "K10" + "0".repeat(64) + token.substring(token.indexOf("::")));
    r =
        nautaCommand(
            "agent",
            "--server",
            url(),
            "--token-file",
            otherCa.toString(),
            "--container-runtime",
            "none",
            "--data-dir",
            dir.resolve("intruder2").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.out()).contains("does not present the cluster CA this token is for");
    assertThat(ok("get", "nodes").out()).doesNotContain("intruder");
  }

  @Test
  void tokenCreateMakesMoreTokensThatJoin() throws Exception {
    Kubectl.Result created =
        nautaCommand(
            "token", "create", "--kubeconfig", nauta.kubeconfig().toString(), "--ttl", "1h");
    assertThat(created.code()).as(created.out()).isZero();
    String token = created.out().strip();
    assertThat(token).matches("K10[0-9a-f]{64}::[a-z0-9]{6}\\.[a-z0-9]{16}");
    assertThat(token).isNotEqualTo(Files.readString(serverToken()).strip());
    String id = token.substring(token.indexOf("::") + 2, token.indexOf('.'));
    assertThat(
            ok(
                    "get",
                    "secret",
                    "bootstrap-token-" + id,
                    "-n",
                    "kube-system",
                    "-o",
                    "jsonpath={.type}")
                .out())
        .isEqualTo("bootstrap.kubernetes.io/token");
    join("second", file("second-token", token + "\n"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ok("get", "nodes").out()).contains("second"));
  }

  @Test
  void kubectlCertificateApproveSignsAClientRequest() throws Exception {
    var request =
        io.nauta.apiserver.pki.CertificateRequest.generate("alice", List.of("developers"));
    String b64 =
        java.util.Base64.getEncoder()
            .encodeToString(request.requestPem().getBytes(StandardCharsets.US_ASCII));
    nauta.kubectlWithInput(
        """
        {"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest",
         "metadata":{"name":"alice"},
         "spec":{"request":"%s","signerName":"kubernetes.io/kube-apiserver-client",
                 "expirationSeconds":86400,"usages":["client auth"],
                 "username":"claimed-by-body","groups":["system:masters"]}}
        """
            .formatted(b64),
        "create",
        "-f",
        "-");
    // who asked comes from the credentials, not from the body
    assertThat(ok("get", "csr", "alice", "-o", "jsonpath={.spec.username}").out())
        .isEqualTo("admin");
    assertThat(ok("get", "csr", "alice").out()).containsPattern("alice\\s+.*\\s+24h\\s+Pending");
    ok("certificate", "approve", "alice");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ok("get", "csr", "alice").out())
                    .containsPattern("alice\\s+.*Approved,Issued"));
    String cert = ok("get", "csr", "alice", "-o", "jsonpath={.status.certificate}").out();
    String pem = new String(java.util.Base64.getDecoder().decode(cert), StandardCharsets.US_ASCII);
    var x509 = io.nauta.apiserver.pki.Pem.readCertificate(pem);
    assertThat(x509.getSubjectX500Principal().getName())
        .contains("CN=alice")
        .contains("O=developers");

    // a decision is final: kubectl refuses, and so does the server when asked directly
    assertThat(nauta.kubectl("certificate", "deny", "alice").all()).contains("is already Approved");
    String approved = ok("get", "csr", "alice", "-o", "json").out();
    String withDenied =
        approved.replaceFirst(
            "\"conditions\": \\[",
            "\"conditions\": [{\"type\": \"Denied\", \"status\": \"True\"},");
    assertThat(withDenied).isNotEqualTo(approved);
    Kubectl.Result deny =
        nauta.kubectlWithInput(
            withDenied,
            "replace",
            "--raw",
            "/apis/certificates.k8s.io/v1/certificatesigningrequests/alice/approval",
            "-f",
            "-");
    assertThat(deny.code()).isNotZero();
    assertThat(deny.all()).contains("Approved and Denied conditions are mutually exclusive");
  }
}
