package io.nauta.apiserver.resourcemetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nauta.apiserver.agents.AgentEndpoint;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads {@code /stats/summary} from a node's agent at its InternalIP and kubelet endpoint port
 * (10250 when it names none) over HTTPS with the API server's client certificate, as the
 * nodes/proxy subresource reaches agents. Like kube-apiserver without {@code
 * --kubelet-certificate-authority} it does not verify the agents' self-signed serving certificates.
 * Thread-safe.
 */
public final class AgentSummaryClient implements SummarySource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param certificate the API server's client certificate toward agents, with its {@code key}
   * @param timeout how long one node may take to answer
   */
  public AgentSummaryClient(X509Certificate certificate, PrivateKey key, Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .sslContext(sslContext(certificate, key))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  @Override
  public Summary fetch(JsonNode node) throws IOException, InterruptedException {
    String name = node.path("metadata").path("name").asText();
    AgentEndpoint agent =
        AgentEndpoint.of(node)
            .orElseThrow(() -> new IOException("node " + name + " has no InternalIP address"));
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(agent.url("/stats/summary?only_cpu_and_memory=true")))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() != 200) {
      throw new IOException("node " + name + " answered " + resp.statusCode());
    }
    Summary s = Summary.parse(JSON.readTree(resp.body()));
    if (!s.node().equals(name)) {
      throw new IOException("node " + name + " answered as " + s.node());
    }
    return s;
  }

  private static SSLContext sslContext(X509Certificate certificate, PrivateKey key) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] password = new char[0];
      ks.setKeyEntry("client", key, password, new X509Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {new AnyServer()}, null);
      return ctx;
    } catch (java.security.GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS toward node agents", e);
    }
  }

  /**
   * Accepts any serving certificate (agents' are self-signed); an extended trust manager, so the
   * JDK adds no host name check either.
   */
  private static final class AnyServer extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
