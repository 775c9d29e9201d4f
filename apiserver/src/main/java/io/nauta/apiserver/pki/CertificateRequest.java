package io.nauta.apiserver.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 certificate signing request as a {@code CertificateSigningRequest}'s {@code
 * spec.request} carries it: the subject (common name and organizations, which Kubernetes reads as
 * user and groups) and the public key, its self-signature verified. Immutable.
 */
public record CertificateRequest(
    String commonName, List<String> organizations, PublicKey publicKey, byte[] der) {

  /** Parses one PEM {@code CERTIFICATE REQUEST}; empty when it is not a valid, signed one. */
  public static Optional<CertificateRequest> parse(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      if (!(p.readObject() instanceof PKCS10CertificationRequest req)) {
        return Optional.empty();
      }
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(req);
      if (!req.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(req.getSubjectPublicKeyInfo()))) {
        return Optional.empty();
      }
      X500Name subject = req.getSubject();
      String cn = null;
      List<String> orgs = new ArrayList<>();
      for (RDN rdn : subject.getRDNs()) {
        var first = rdn.getFirst();
        if (first.getType().equals(BCStyle.CN)) {
          cn = IETFUtils.valueToString(first.getValue());
        } else if (first.getType().equals(BCStyle.O)) {
          orgs.add(IETFUtils.valueToString(first.getValue()));
        }
      }
      return Optional.of(
          new CertificateRequest(
              cn == null ? "" : cn, List.copyOf(orgs), jca.getPublicKey(), req.getEncoded()));
    } catch (IOException
        | RuntimeException
        | GeneralSecurityException
        | OperatorCreationException
        | PKCSException e) {
      return Optional.empty();
    }
  }

  /** A new key pair and a PEM request for {@code commonName} in {@code organizations}. */
  public static Generated generate(String commonName, List<String> organizations) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
      organizations.forEach(o -> nb.addRDN(BCStyle.O, o));
      nb.addRDN(BCStyle.CN, commonName);
      PKCS10CertificationRequest req =
          new JcaPKCS10CertificationRequestBuilder(nb.build(), kp.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
      java.io.StringWriter out = new java.io.StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(out)) {
        w.writeObject(req);
      }
      return new Generated(out.toString(), Pem.encode(kp.getPrivate()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make a certificate request", e);
    }
  }

  /** A generated request and the PEM private key that goes with it. */
  public record Generated(String requestPem, String keyPem) {}
}
