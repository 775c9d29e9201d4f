package io.nauta.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Only a client certificate of the cluster CA, and then only the API server's, gets in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentServerTest {
  private record Issued(KeyPair keys, X509Certificate cert) {}

  private Issued clusterCa;
  private AgentTls tls;
  private AgentServer server;

  @BeforeAll
  void start() throws Exception {
    clusterCa = issue("cluster-ca", null, true);
    tls = AgentTls.selfSigned("node-1", List.of("127.0.0.1"), List.of(clusterCa.cert()));
    server =
        new AgentServer(
                new InetSocketAddress("127.0.0.1", 0),
                tls,
                ClientAuthenticator.commonNames(ClientAuthenticator.API_SERVER_CLIENT),
                r -> r.send(200, "text/plain", ("hi " + r.path()).getBytes(StandardCharsets.UTF_8)))
            .start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(Issued client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("agent", tls.chain().get(0));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (client != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client", client.keys().getPrivate(), new char[0], new Certificate[] {client.cert()});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(ctx)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return http.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theApiServersIdentityGetsIn() throws Exception {
    HttpResponse<String> r = get(issue(ClientAuthenticator.API_SERVER_CLIENT, clusterCa, false));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hi /healthz");
  }

  @Test
  void anotherUserOfTheClusterIsForbidden() throws Exception {
    HttpResponse<String> r = get(issue("admin", clusterCa, false));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("\"reason\":\"Forbidden\"", "user=admin", "path=/healthz");
  }

  @Test
  void aCertificateOfAnotherCaOrNoneNeverGetsThroughTls() throws Exception {
    Issued otherCa = issue("other-ca", null, true);
    Issued stranger = issue(ClientAuthenticator.API_SERVER_CLIENT, otherCa, false);
    assertThatThrownBy(() -> get(stranger)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get(null)).isInstanceOf(IOException.class);
  }

  /** A certificate for {@code cn}: a CA's own when {@code ca}, else a client's signed by it. */
  private static Issued issue(String cn, Issued signer, boolean ca) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = gen.generateKeyPair();
    X500Name subject = new X500Name("CN=" + cn);
    X500Name issuer =
        signer == null ? subject : new X500Name(signer.cert().getSubjectX500Principal().getName());
    Instant now = Instant.now();
    var b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minusSeconds(60)),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (!ca) {
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }
    var signingKey = signer == null ? keys.getPrivate() : signer.keys().getPrivate();
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
    return new Issued(keys, cert);
  }
}
