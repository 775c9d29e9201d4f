package io.nauta.apiserver.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a machine needs to join the cluster, in one line: {@code K10<ca-hash>::<id>.<secret>} — the
 * SHA-256 of the cluster CA certificate (DER, hex), so that the joining agent can trust the server
 * it first talks to without a copy of the CA, and a bootstrap token ({@link BootstrapTokens}) that
 * lets it ask for its node certificate. The shape follows k3s' secure tokens.
 *
 * @param caHash hex SHA-256 of the CA certificate's DER encoding
 * @param id the bootstrap token's public part (6 of [a-z0-9])
 * @param secret the bootstrap token's secret part (16 of [a-z0-9])
 */
public record JoinToken(String caHash, String id, String secret) {
  private static final Pattern FORMAT =
      Pattern.compile("K10([0-9a-f]{64})::([a-z0-9]{6})\\.([a-z0-9]{16})");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh token for a cluster with {@code ca}. */
  public static JoinToken generate(X509Certificate ca) {
    return new JoinToken(hash(ca), random(6), random(16));
  }

  /** Parses the one-line form (surrounding white space ignored). */
  public static Optional<JoinToken> parse(String text) {
    Matcher m = FORMAT.matcher(text.strip());
    return m.matches()
        ? Optional.of(new JoinToken(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }

  /** The hex SHA-256 of a certificate's DER encoding. */
  public static String hash(X509Certificate cert) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bearer token: {@code id.secret}. */
  public String bearer() {
    return id + "." + secret;
  }

  @Override
  public String toString() {
    return "K10" + caHash + "::" + bearer();
  }

  private static String random(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
