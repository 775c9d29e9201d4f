package io.nauta.server;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nauta.apiserver.auth.JoinToken;
import io.nauta.apiserver.pki.CertificateRequest;
import io.nauta.apiserver.pki.Kubeconfig;
import io.nauta.apiserver.pki.Pem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How a machine joins a cluster with a join token, as a kubelet's TLS bootstrap does: it trusts the
 * server only if the server presents the CA whose hash the token names, asks for a node client
 * certificate ({@code system:node:NAME} in {@code system:nodes}) with a CertificateSigningRequest
 * authenticated by the token's bootstrap part, waits for it to be signed, and keeps the resulting
 * kubeconfig; later starts reuse that kubeconfig while its certificate is valid.
 */
final class NodeJoin {
  static final Duration WAIT = Duration.ofMinutes(2);

  private NodeJoin() {}

  /**
   * The agent's kubeconfig in {@code dir}, joining first if there is no valid one, through the
   * first of {@code servers} (URLs) that presents the token's CA; the kubeconfig names that server.
   */
  static Path kubeconfig(List<String> servers, JoinToken token, String nodeName, Path dir)
      throws IOException, InterruptedException {
    Path file = dir.resolve("kubeconfig.yaml");
    if (Files.exists(file) && stillValid(file, nodeName)) {
      return file;
    }
    Files.createDirectories(dir);
    List<String> failures = new java.util.ArrayList<>();
    for (String server : servers) {
      X509Certificate ca;
      try {
        ca = trustedCa(server, token);
      } catch (IOException e) {
        if (servers.size() == 1) {
          throw e;
        }
        failures.add(server + ": " + e.getMessage());
        continue;
      }
      return join(file, server, ca, token, nodeName);
    }
    throw new IOException("no server lets this node join (" + String.join("; ", failures) + ")");
  }

  private static Path join(
      Path file, String server, X509Certificate ca, JoinToken token, String nodeName)
      throws IOException, InterruptedException {
    String caPem = Pem.encode(ca);
    CertificateRequest.Generated request =
        CertificateRequest.generate("system:node:" + nodeName, List.of("system:nodes"));
    Config config =
        new ConfigBuilder()
            .withMasterUrl(server)
            .withCaCertData(base64(caPem))
            .withOauthToken(token.bearer())
            .withRequestTimeout(10_000)
            .build();
    String certPem;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      certPem = requestCertificate(client, request.requestPem(), nodeName);
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          switch (e.getCode()) {
            case 401 ->
                "the server refuses the token (401 Unauthorized): it is mistyped, expired or"
                    + " deleted; make a new one with `nauta token create`";
            case 403 ->
                "the token may not ask for a node certificate: " + e.getStatus().getMessage();
            default -> "asking for a node certificate failed: " + e.getMessage();
          },
          e);
    }
    return Kubeconfig.write(
        file, server, caPem, certPem, request.keyPem(), "system:node:" + nodeName);
  }

  private static String requestCertificate(
      KubernetesClient client, String requestPem, String nodeName) throws InterruptedException {
    String name = "node-csr-" + nodeName + "-" + UUID.randomUUID().toString().substring(0, 8);
    CertificateSigningRequest csr =
        new CertificateSigningRequestBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withRequest(base64(requestPem))
            .withSignerName("kubernetes.io/kube-apiserver-client-kubelet")
            .withUsages("digital signature", "key encipherment", "client auth")
            .endSpec()
            .build();
    client.certificates().v1().certificateSigningRequests().resource(csr).create();
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      CertificateSigningRequest now =
          client.certificates().v1().certificateSigningRequests().withName(name).get();
      if (now != null && now.getStatus() != null) {
        if (now.getStatus().getCertificate() != null
            && !now.getStatus().getCertificate().isEmpty()) {
          return new String(
              Base64.getDecoder().decode(now.getStatus().getCertificate()),
              StandardCharsets.US_ASCII);
        }
        for (CertificateSigningRequestCondition c : now.getStatus().getConditions()) {
          if (c.getType().equals("Denied") || c.getType().equals("Failed")) {
            throw new IllegalStateException(
                "the cluster refused this node's certificate request "
                    + name
                    + ": "
                    + c.getType()
                    + " ("
                    + c.getMessage()
                    + ")");
          }
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "no certificate for request " + name + " within " + WAIT.toSeconds() + " s");
  }

  /**
   * The CA the server presents in its TLS chain, accepted only when its SHA-256 is the token's: the
   * handshake itself trusts nothing, the hash does.
   */
  static X509Certificate trustedCa(String server, JoinToken token) throws IOException {
    URI uri = URI.create(server);
    int port = uri.getPort() == -1 ? 443 : uri.getPort();
    X509Certificate[][] seen = new X509Certificate[1][];
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new Recording(seen)}, null);
      java.net.Socket raw = new java.net.Socket();
      try {
        // a server that is down must not hold the join up for the system's connect timeout
        raw.connect(new java.net.InetSocketAddress(uri.getHost(), port), 10_000);
        raw.setSoTimeout(10_000);
      } catch (IOException e) {
        raw.close();
        throw e;
      }
      try (SSLSocket s =
          (SSLSocket) tls.getSocketFactory().createSocket(raw, uri.getHost(), port, true)) {
        s.startHandshake();
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot reach " + server + " over TLS: " + e.getMessage(), e);
    }
    X509Certificate[] chain = seen[0] == null ? new X509Certificate[0] : seen[0];
    for (X509Certificate c : chain) {
      if (JoinToken.hash(c).equals(token.caHash())) {
        // the serving certificate must really be issued by it
        try {
          chain[0].verify(c.getPublicKey());
        } catch (GeneralSecurityException e) {
          break;
        }
        return c;
      }
    }
    throw new IOException(
        "the server at "
            + server
            + " does not present the cluster CA this token is for (CA hash "
            + token.caHash().substring(0, 12).toLowerCase(Locale.ROOT)
            + "…): wrong server or wrong token");
  }

  private static boolean stillValid(Path kubeconfig, String nodeName) {
    try {
      String b64 = Config.fromKubeconfig(Files.readString(kubeconfig)).getClientCertData();
      if (b64 == null) {
        return false;
      }
      X509Certificate cert =
          Pem.readCertificate(
              new String(Base64.getDecoder().decode(b64), StandardCharsets.US_ASCII));
      return cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)))
          && cert.getSubjectX500Principal().getName().contains("CN=system:node:" + nodeName);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Accepts any chain during the one handshake that fetches it; the caller checks the hash. */
  private record Recording(X509Certificate[][] seen) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      seen[0] = chain.clone();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
