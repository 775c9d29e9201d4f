package io.nauta.cri;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How this node reaches image registries beyond the defaults: mirrors (registry host → endpoints
 * tried in order before the registry itself) and per-host settings (TLS verification, a CA, and
 * credentials). Immutable.
 *
 * @param mirrors by registry host as images name it ({@code docker.io}, {@code
 *     registry.example:5000}, or {@code *} for every registry), endpoint URLs; an {@code http://}
 *     endpoint is reached over plain HTTP
 * @param hosts by host (and port), how to talk to it
 */
public record RegistryConfig(Map<String, List<String>> mirrors, Map<String, Host> hosts) {
  public static final RegistryConfig NONE = new RegistryConfig(Map.of(), Map.of());

  public RegistryConfig {
    mirrors = Map.copyOf(mirrors);
    hosts = Map.copyOf(hosts);
  }

  /**
   * Settings for one registry host.
   *
   * @param insecureSkipVerify accept any TLS certificate
   * @param caFile a CA to verify its certificate with, or null
   * @param username user for basic or token authentication, or null
   * @param password its password, or null
   */
  public record Host(boolean insecureSkipVerify, Path caFile, String username, String password) {
    public Optional<String[]> credentials() {
      return username == null ? Optional.empty() : Optional.of(new String[] {username, password});
    }
  }

  /** The registry host of an image reference, as containerd resolves it. */
  public static String registryOf(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return "docker.io";
    }
    String first = image.substring(0, slash);
    boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
    return host ? first : "docker.io";
  }

  /** The credentials configured for the registry of {@code image}, if any. */
  public Optional<Host> hostOf(String image) {
    return Optional.ofNullable(hosts.get(registryOf(image)));
  }
}
