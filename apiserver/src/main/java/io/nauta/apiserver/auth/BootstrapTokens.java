package io.nauta.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bootstrap tokens as Kubernetes defines them: a bearer token {@code ID.SECRET} (6 and 16 of {@code
 * [a-z0-9]}) is valid while the Secret {@code kube-system/bootstrap-token-ID} of type {@code
 * bootstrap.kubernetes.io/token} holds the same secret, allows authentication and has not expired.
 * The caller is {@code system:bootstrap:ID} in {@code system:bootstrappers} and the Secret's extra
 * groups. Thread-safe.
 */
public final class BootstrapTokens {
  public static final String SECRET_TYPE = "bootstrap.kubernetes.io/token";
  public static final String SECRET_PREFIX = "bootstrap-token-";
  public static final String GROUP = "system:bootstrappers";
  private static final Pattern TOKEN = Pattern.compile("([a-z0-9]{6})\\.([a-z0-9]{16})");
  private static final Pattern EXTRA_GROUP =
      Pattern.compile("system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]");

  private final Function<String, Optional<JsonNode>> secretById;
  private final Clock clock;

  /**
   * @param secretById the Secret {@code kube-system/bootstrap-token-ID} for an ID, if it exists
   */
  public BootstrapTokens(Function<String, Optional<JsonNode>> secretById, Clock clock) {
    this.secretById = secretById;
    this.clock = clock;
  }

  /** Whether {@code token} has the shape of a bootstrap token (without checking it). */
  public static boolean looksLikeOne(String token) {
    return TOKEN.matcher(token).matches();
  }

  /** The caller a valid token stands for; empty for anything else. */
  public Optional<UserInfo> lookup(String token) {
    Matcher m = TOKEN.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    String id = m.group(1);
    Optional<JsonNode> found = secretById.apply(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonNode secret = found.get();
    if (!SECRET_TYPE.equals(secret.path("type").asText())) {
      return Optional.empty();
    }
    JsonNode data = secret.path("data");
    if (!MessageDigest.isEqual(
            m.group(2).getBytes(StandardCharsets.UTF_8),
            decode(data, "token-secret").getBytes(StandardCharsets.UTF_8))
        || !id.equals(decode(data, "token-id"))
        || !"true".equals(decode(data, "usage-bootstrap-authentication"))
        || expired(decode(data, "expiration"))
        || !secret.path("metadata").path("deletionTimestamp").isMissingNode()) {
      return Optional.empty();
    }
    List<String> groups = new ArrayList<>(List.of(GROUP));
    for (String g : decode(data, "auth-extra-groups").split(",")) {
      String group = g.strip();
      if (EXTRA_GROUP.matcher(group).matches()) {
        groups.add(group);
      }
    }
    return Optional.of(new UserInfo("system:bootstrap:" + id, "", List.copyOf(groups)));
  }

  private boolean expired(String expiration) {
    if (expiration.isEmpty()) {
      return false;
    }
    try {
      return !Instant.parse(expiration).isAfter(clock.instant());
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  private static String decode(JsonNode data, String key) {
    String v = data.path(key).asText("");
    try {
      return new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
