package io.nauta.apiserver.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.auth.BootstrapTokens;
import io.nauta.apiserver.auth.JoinToken;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.pki.Pem;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.status.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * The server's own join token: made at first start and kept in the data dir ({@code token}, owner
 * only), its bootstrap Secret recreated if someone deleted it while the file remains. {@code nauta
 * token create} makes more through the API.
 */
public final class ServerToken {
  /** The extra group of tokens made by Nauta, so nodes can be told apart from other bootstrap. */
  public static final String NODE_GROUP = "system:bootstrappers:nauta:nodes";

  private ServerToken() {}

  /** Reads or makes the token in {@code file} and ensures its Secret exists. */
  public static JoinToken ensure(Registry registry, Path file, X509Certificate ca)
      throws IOException {
    Optional<JoinToken> existing =
        Files.exists(file) ? JoinToken.parse(Files.readString(file)) : Optional.empty();
    JoinToken token = existing.orElseGet(() -> JoinToken.generate(ca));
    if (existing.isEmpty()) {
      Pem.writePrivate(file, token + "\n");
    }
    ResourceType secrets = registry.catalog().find("", "v1", "secrets").orElseThrow();
    try {
      registry.create(
          secrets,
          "kube-system",
          secret(token, "the server's join token", null),
          WriteOptions.DEFAULT);
    } catch (ApiException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
    return token;
  }

  /** The bootstrap Secret of {@code token}, expiring at {@code expiration} (RFC 3339) or never. */
  public static ObjectNode secret(JoinToken token, String description, String expiration) {
    ObjectNode s = Codec.JSON.createObjectNode();
    s.put("apiVersion", "v1");
    s.put("kind", "Secret");
    s.put("type", BootstrapTokens.SECRET_TYPE);
    ObjectNode meta = s.putObject("metadata");
    meta.put("name", BootstrapTokens.SECRET_PREFIX + token.id());
    meta.put("namespace", "kube-system");
    ObjectNode data = s.putObject("data");
    put(data, "token-id", token.id());
    put(data, "token-secret", token.secret());
    put(data, "usage-bootstrap-authentication", "true");
    put(data, "auth-extra-groups", NODE_GROUP);
    put(data, "description", description);
    if (expiration != null) {
      put(data, "expiration", expiration);
    }
    return s;
  }

  private static void put(ObjectNode data, String key, String value) {
    data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
  }
}
