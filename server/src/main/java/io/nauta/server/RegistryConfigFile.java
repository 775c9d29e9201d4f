package io.nauta.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nauta.cri.RegistryConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code --registry-config}: YAML with {@code mirrors} (registry host → {@code endpoint:}
 * list of URLs, {@code http://} for plain HTTP; {@code "*"} for every registry) and {@code configs}
 * (host → {@code tls: {insecure_skip_verify, ca_file}} and {@code auth: {username, password}}), the
 * shape k3s' registries.yaml has. Unknown keys are errors, so a typo is not silently ignored.
 */
final class RegistryConfigFile {
  private RegistryConfigFile() {}

  static RegistryConfig load(Path file) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    if (root == null || root.isMissingNode() || root.isNull()) {
      return RegistryConfig.NONE;
    }
    String where = file.toString();
    onlyKeys(root, where, "mirrors", "configs");
    Map<String, List<String>> mirrors = new LinkedHashMap<>();
    for (var e : root.path("mirrors").properties()) {
      String at = where + ": mirrors." + e.getKey();
      onlyKeys(e.getValue(), at, "endpoint");
      List<String> endpoints = new ArrayList<>();
      for (JsonNode u : e.getValue().path("endpoint")) {
        String url = u.asText();
        if (!url.matches("(https?://)?[^/\\s]+(/.*)?")) {
          throw new IllegalArgumentException(at + ": not an endpoint URL: " + url);
        }
        endpoints.add(url);
      }
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException(at + ": needs an endpoint list");
      }
      mirrors.put(e.getKey(), endpoints);
    }
    Map<String, RegistryConfig.Host> hosts = new LinkedHashMap<>();
    for (var e : root.path("configs").properties()) {
      String at = where + ": configs." + e.getKey();
      JsonNode c = e.getValue();
      onlyKeys(c, at, "tls", "auth");
      onlyKeys(c.path("tls"), at + ".tls", "insecure_skip_verify", "ca_file");
      onlyKeys(c.path("auth"), at + ".auth", "username", "password");
      String ca = c.path("tls").path("ca_file").asText(null);
      String user = c.path("auth").path("username").asText(null);
      if (user != null && !c.path("auth").has("password")) {
        throw new IllegalArgumentException(at + ".auth: a username needs a password");
      }
      hosts.put(
          e.getKey(),
          new RegistryConfig.Host(
              c.path("tls").path("insecure_skip_verify").asBoolean(false),
              ca == null ? null : Path.of(ca),
              user,
              c.path("auth").path("password").asText(null)));
    }
    return new RegistryConfig(mirrors, hosts);
  }

  private static void onlyKeys(JsonNode node, String where, String... allowed) {
    if (node.isMissingNode()) {
      return;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected a mapping");
    }
    Set<String> ok = Set.of(allowed);
    for (var e : node.properties()) {
      if (!ok.contains(e.getKey())) {
        throw new IllegalArgumentException(
            where
                + ": unknown key \""
                + e.getKey()
                + "\" (expected one of "
                + List.of(allowed)
                + ")");
      }
    }
  }
}
