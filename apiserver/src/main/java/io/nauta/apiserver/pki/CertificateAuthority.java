package io.nauta.apiserver.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority with an ECDSA P-256 key that issues serving and client certificates.
 * Thread-safe once constructed.
 */
public final class CertificateAuthority {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CA_LIFETIME = Duration.ofDays(3650);
  private static final Duration LEAF_LIFETIME = Duration.ofDays(365);

  private final X509Certificate certificate;
  private final PrivateKey key;

  /** A certificate with its private key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {
    public String certificatePem() {
      return Pem.encode(certificate);
    }

    public String keyPem() {
      return Pem.encode(key);
    }
  }

  private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  /** Loads {@code dir/ca.crt} and {@code dir/ca.key}, creating them first if absent. */
  public static CertificateAuthority loadOrCreate(Path dir) throws IOException {
    Path crt = dir.resolve("ca.crt");
    Path keyFile = dir.resolve("ca.key");
    if (Files.exists(crt) && Files.exists(keyFile)) {
      return new CertificateAuthority(
          Pem.readCertificate(Files.readString(crt)),
          Pem.readPrivateKey(Files.readString(keyFile)));
    }
    Files.createDirectories(dir);
    CertificateAuthority ca = create("nauta-ca");
    Pem.writePrivate(keyFile, Pem.encode(ca.key));
    Files.writeString(crt, Pem.encode(ca.certificate));
    return ca;
  }

  /** A new self-signed CA, in memory. */
  public static CertificateAuthority create(String commonName) {
    KeyPair kp = newKeyPair();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(CA_LIFETIME)),
              name,
              kp.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
      X509Certificate cert = sign(b, kp.getPrivate());
      return new CertificateAuthority(cert, kp.getPrivate());
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create CA", e);
    }
  }

  /** The CA's private key (shared with the other API servers of a cluster, never with nodes). */
  public PrivateKey key() {
    return key;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return Pem.encode(certificate);
  }

  /** A serving certificate for the given DNS names and IP addresses. */
  public Issued issueServer(String commonName, List<String> dnsNames, List<InetAddress> ips) {
    List<GeneralName> sans = new ArrayList<>();
    dnsNames.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
    ips.forEach(
        ip ->
            sans.add(
                new GeneralName(
                    GeneralName.iPAddress,
                    new org.bouncycastle.asn1.DEROctetString(ip.getAddress()))));
    return issue(
        commonName,
        List.of(),
        KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(sans.toArray(new GeneralName[0])));
  }

  /**
   * A client certificate: the user is the CN, the groups are the O entries (as Kubernetes reads
   * them). Its key is RSA 2048, as kubeadm's are: every client library reads RSA keys, while some
   * (fabric8 without BouncyCastle) cannot read EC ones.
   */
  public Issued issueClient(String user, List<String> groups) {
    return issue(user, groups, KeyPurposeId.id_kp_clientAuth, null, newRsaKeyPair());
  }

  /**
   * Signs a client certificate for the subject and public key of {@code request}, valid for {@code
   * lifetime} (capped at a year).
   */
  public X509Certificate signClient(CertificateRequest request, Duration lifetime) {
    Duration valid = lifetime.compareTo(LEAF_LIFETIME) > 0 ? LEAF_LIFETIME : lifetime;
    return leaf(
        request.commonName(),
        request.organizations(),
        KeyPurposeId.id_kp_clientAuth,
        null,
        request.publicKey(),
        valid);
  }

  private Issued issue(String cn, List<String> orgs, KeyPurposeId purpose, GeneralNames sans) {
    return issue(cn, orgs, purpose, sans, newKeyPair());
  }

  private Issued issue(
      String cn, List<String> orgs, KeyPurposeId purpose, GeneralNames sans, KeyPair kp) {
    return new Issued(
        leaf(cn, orgs, purpose, sans, kp.getPublic(), LEAF_LIFETIME), kp.getPrivate());
  }

  /**
   * A leaf certificate of this CA for {@code publicKey}, valid from an hour ago for {@code valid}.
   */
  private X509Certificate leaf(
      String cn,
      List<String> orgs,
      KeyPurposeId purpose,
      GeneralNames sans,
      java.security.PublicKey publicKey,
      Duration valid) {
    X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
    orgs.forEach(o -> nb.addRDN(BCStyle.O, o));
    nb.addRDN(BCStyle.CN, cn);
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              certificate,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(valid)),
              nb.build(),
              publicKey);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      if (sans != null) {
        b.addExtension(Extension.subjectAlternativeName, false, sans);
      }
      return sign(b, key);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue certificate", e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC support", e);
    }
  }

  private static KeyPair newRsaKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no RSA support", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
