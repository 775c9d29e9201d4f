package io.nauta.apiserver.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.auth.JoinToken;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.pki.CertificateAuthority;
import io.nauta.apiserver.pki.Pem;
import io.nauta.store.KeyValue;
import io.nauta.store.Store;
import io.nauta.store.WriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What API servers sharing one store must share besides the objects: the cluster CA (certificate
 * and key) and the server's join token, so that every server presents certificates the same clients
 * trust and accepts the same nodes. Like k3s' bootstrap data, the first server to start on an empty
 * shared store publishes them under {@value #KEY}, sealed with its join token (AES-256-GCM, key
 * derived with PBKDF2 from the token's secret); a server started later on the same store opens them
 * with that token ({@code --token-file}: the first server's {@code DATA/token}) and writes them
 * into its own data directory before its PKI loads. The embedded store is never shared and does not
 * use this.
 */
public final class ClusterBootstrap {
  /** The store key of the sealed bootstrap data (outside the objects' {@code /registry}). */
  public static final String KEY = "/nauta/bootstrap";

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ClusterBootstrap.class);
  private static final int ITERATIONS = 210_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Why a server cannot take its place in the cluster of a shared store. */
  public static final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  private ClusterBootstrap() {}

  /**
   * Makes {@code dataDir/tls/ca.{crt,key}} and {@code dataDir/token} those of the cluster in {@code
   * store}, publishing this server's (made now if new) when the store has none yet.
   *
   * @param given the join token given on the command line, if any
   * @throws Refused when a token is given that cannot open the cluster data in the store, or names
   *     another CA
   */
  public static void prepare(Store store, Path dataDir, Optional<String> given) throws IOException {
    Path tls = dataDir.resolve("tls");
    Path tokenFile = dataDir.resolve("token");
    Optional<JoinToken> token = given.flatMap(JoinToken::parse);
    if (given.isPresent() && token.isEmpty()) {
      throw new Refused("the join token is not of the form K10<hash>::<id>.<secret>");
    }
    Optional<JoinToken> own =
        Files.exists(tokenFile) ? JoinToken.parse(Files.readString(tokenFile)) : Optional.empty();
    KeyValue kv = store.get(KEY);
    if (kv == null) {
      CertificateAuthority ca = CertificateAuthority.loadOrCreate(tls);
      JoinToken mine =
          own.filter(t -> t.caHash().equals(JoinToken.hash(ca.certificate())))
              .orElseGet(() -> JoinToken.generate(ca.certificate()));
      Pem.writePrivate(tokenFile, mine + "\n");
      WriteResult r = store.create(KEY, seal(ca, mine)).join();
      if (r.ok() || token.isEmpty()) {
        return; // the first server, or one that raced it and keeps its own CA
      }
      kv = r.kv();
    }
    if (token.isEmpty()) {
      // a restart of a server of this cluster (its token file opens the data), or a server started
      // on the same store without a token: it serves the same objects with a CA of its own
      if (own.isPresent()) {
        try {
          install(open(kv.value(), own.get()), own.get(), tls, tokenFile);
          return;
        } catch (Refused e) {
          // not this cluster's token: a separate CA
        }
      }
      LOG.info(
          "this store's cluster CA is another server's; this server keeps its own (start it with"
              + " --join URL --token-file F to share the first server's)");
      return;
    }
    install(open(kv.value(), token.get()), token.get(), tls, tokenFile);
  }

  private static void install(JsonNode data, JoinToken token, Path tls, Path tokenFile)
      throws IOException {
    X509Certificate cert = Pem.readCertificate(data.path("caCert").asText());
    if (!JoinToken.hash(cert).equals(token.caHash())) {
      throw new Refused(
          "the join token names another cluster CA than the one this store's cluster uses");
    }
    Files.createDirectories(tls);
    Path crt = tls.resolve("ca.crt");
    if (!Files.exists(crt) || !Files.readString(crt).equals(data.path("caCert").asText())) {
      Files.writeString(crt, data.path("caCert").asText());
      Pem.writePrivate(tls.resolve("ca.key"), data.path("caKey").asText());
    }
    Pem.writePrivate(tokenFile, data.path("token").asText() + "\n");
  }

  static byte[] seal(CertificateAuthority ca, JoinToken token) throws IOException {
    ObjectNode plain = Codec.JSON.createObjectNode();
    plain.put("caCert", Pem.encode(ca.certificate()));
    plain.put("caKey", Pem.encode(ca.key()));
    plain.put("token", token.toString());
    byte[] salt = new byte[16];
    byte[] iv = new byte[12];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key(token, salt), new GCMParameterSpec(128, iv));
      byte[] sealed = c.doFinal(Codec.JSON.writeValueAsBytes(plain));
      ObjectNode out = Codec.JSON.createObjectNode();
      out.put("version", 1);
      out.put("salt", Base64.getEncoder().encodeToString(salt));
      out.put("iv", Base64.getEncoder().encodeToString(iv));
      out.put("data", Base64.getEncoder().encodeToString(sealed));
      return Codec.JSON.writeValueAsBytes(out);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot seal the cluster's bootstrap data", e);
    }
  }

  static JsonNode open(byte[] stored, JoinToken token) throws IOException {
    JsonNode in;
    try {
      in = Codec.JSON.readTree(stored);
    } catch (IOException e) {
      throw new Refused("the cluster's bootstrap data in the store is unreadable: " + e);
    }
    if (in.path("version").asInt() != 1) {
      throw new Refused(
          "the cluster's bootstrap data is of version "
              + in.path("version").asText()
              + ", which this server does not know");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          key(token, Base64.getDecoder().decode(in.path("salt").asText())),
          new GCMParameterSpec(128, Base64.getDecoder().decode(in.path("iv").asText())));
      return Codec.JSON.readTree(c.doFinal(Base64.getDecoder().decode(in.path("data").asText())));
    } catch (javax.crypto.AEADBadTagException e) {
      throw new Refused(
          "this token cannot open the cluster's bootstrap data: give the first server's token"
              + " (its DATA/token), not a node token");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new Refused("the cluster's bootstrap data cannot be opened: " + e.getMessage());
    }
  }

  private static SecretKeySpec key(JoinToken token, byte[] salt) throws GeneralSecurityException {
    byte[] k =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec((token.bearer()).toCharArray(), salt, ITERATIONS, 256))
            .getEncoded();
    return new SecretKeySpec(k, "AES");
  }
}
