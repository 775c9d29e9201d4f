package io.nauta.node.server;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The agent's TLS material: its serving key and certificate chain, and the CAs its callers' client
 * certificates must chain to. A kubelet without a signed serving certificate makes itself a
 * self-signed one ({@link #selfSigned}); API servers do not verify it unless told to.
 *
 * @param key the serving key
 * @param chain the serving certificate, then its issuers
 * @param clientCas the CAs a client certificate must chain to (the cluster CA)
 */
public record AgentTls(
    PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh self-signed ECDSA P-256 serving certificate for the node's names and addresses. */
  public static AgentTls selfSigned(
      String nodeName, List<String> ipAddresses, List<X509Certificate> clientCas) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = gen.generateKeyPair();
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + nodeName + "@" + now.getEpochSecond());
      var builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(63, RANDOM),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              subject,
              pair.getPublic());
      List<GeneralName> names = new ArrayList<>();
      names.add(new GeneralName(GeneralName.dNSName, nodeName));
      for (String ip : ipAddresses) {
        if (InetAddress.getByName(ip) != null) {
          names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
      }
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(new GeneralName[0])));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new AgentTls(pair.getPrivate(), List.of(cert), List.copyOf(clientCas));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot make the agent's serving certificate", e);
    }
  }

  /** A server context requiring a client certificate chained to {@link #clientCas}. */
  SslContext serverContext() throws SSLException {
    return SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
        .sslProvider(SslProvider.JDK)
        .trustManager(clientCas.toArray(new X509Certificate[0]))
        .clientAuth(ClientAuth.REQUIRE)
        .build();
  }
}
