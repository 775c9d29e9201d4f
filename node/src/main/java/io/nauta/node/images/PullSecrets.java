package io.nauta.node.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.nauta.cri.v1.AuthConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Registry credentials from image pull secrets: {@code kubernetes.io/dockerconfigjson} ({@code
 * .dockerconfigjson}: {@code {"auths": {KEY: {...}}}}) and the older {@code
 * kubernetes.io/dockercfg} ({@code .dockercfg}: {@code {KEY: {...}}}), where each entry has {@code
 * username} and {@code password} or {@code auth} (base64 of {@code user:password}), and maybe
 * {@code identitytoken} or {@code registrytoken}. A KEY matches an image when its host (scheme and
 * trailing path dropped, {@code *} matching one DNS label) and port equal the image's registry and
 * its path, if any, is a prefix of the image's repository. Pure.
 */
public final class PullSecrets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DOCKER_HUB_KEYS =
      List.of("docker.io", "index.docker.io", "registry-1.docker.io");

  private PullSecrets() {}

  /** The credentials of {@code secrets} (in order) that apply to {@code image}. */
  public static List<AuthConfig> forImage(String image, List<Secret> secrets) {
    String registry = ImageRefs.registry(image);
    String repository = ImageRefs.repository(image);
    List<AuthConfig> out = new ArrayList<>();
    for (Secret s : secrets) {
      JsonNode auths = auths(s);
      if (auths == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : auths.properties()) {
        if (matches(e.getKey(), registry, repository)) {
          out.add(authConfig(e.getValue()));
        }
      }
    }
    return out;
  }

  /** The entries of a pull secret by registry key, or null if it holds none. */
  static JsonNode auths(Secret s) {
    Map<String, String> data = s.getData() == null ? Map.of() : s.getData();
    try {
      if (data.containsKey(".dockerconfigjson")) {
        JsonNode root = JSON.readTree(decode(data.get(".dockerconfigjson")));
        return root.path("auths").isObject() ? root.path("auths") : null;
      }
      if (data.containsKey(".dockercfg")) {
        JsonNode root = JSON.readTree(decode(data.get(".dockercfg")));
        return root.isObject() ? root : null;
      }
    } catch (IOException | IllegalArgumentException e) {
      return null; // not a readable docker config: no credentials from it
    }
    return null;
  }

  /** Whether the secret key {@code key} applies to an image in {@code registry}/{@code repo}. */
  static boolean matches(String key, String registry, String repository) {
    String k = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = k.indexOf('/');
    String keyHost = slash < 0 ? k : k.substring(0, slash);
    String keyPath = slash < 0 ? "" : k.substring(slash + 1).replaceAll("/+$", "");
    if (registry == null) {
      // Docker Hub: its keys carry API paths (https://index.docker.io/v1/), not repositories
      return DOCKER_HUB_KEYS.contains(keyHost.toLowerCase());
    }
    if (!hostMatches(keyHost.toLowerCase(), registry.toLowerCase())) {
      return false;
    }
    return keyPath.isEmpty() || repository.equals(keyPath) || repository.startsWith(keyPath + "/");
  }

  private static boolean hostMatches(String pattern, String host) {
    String[] p = splitPort(pattern);
    String[] h = splitPort(host);
    if (!p[1].equals(h[1])) {
      return false;
    }
    String[] pl = p[0].split("\\.");
    String[] hl = h[0].split("\\.");
    if (pl.length != hl.length) {
      return false;
    }
    for (int i = 0; i < pl.length; i++) {
      String regex = java.util.regex.Pattern.quote(pl[i]).replace("*", "\\E[^.]*\\Q");
      if (!hl[i].matches(regex)) {
        return false;
      }
    }
    return true;
  }

  private static String[] splitPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 || hostPort.endsWith("]")
        ? new String[] {hostPort, ""}
        : new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1)};
  }

  private static AuthConfig authConfig(JsonNode entry) {
    String username = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    String auth = entry.path("auth").asText("");
    if (username.isEmpty() && !auth.isEmpty()) {
      String decoded = decode(auth);
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        username = decoded.substring(0, colon);
        password = decoded.substring(colon + 1);
      }
    }
    // no server_address: containerd 1.6 would parse it as a URL and drop credentials for
    // schemeless keys such as "registry:5000"; the caller matched the registry already
    return AuthConfig.newBuilder()
        .setUsername(username)
        .setPassword(password)
        .setAuth(auth)
        .setIdentityToken(entry.path("identitytoken").asText(""))
        .setRegistryToken(entry.path("registrytoken").asText(""))
        .build();
  }

  private static String decode(String base64) {
    return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
