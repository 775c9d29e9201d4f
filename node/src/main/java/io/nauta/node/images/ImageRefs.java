package io.nauta.node.images;

/** Image references: the registry they name and their default pull policy. Pure. */
public final class ImageRefs {
  /** Docker Hub, the registry of references that name none. */
  public static final String DOCKER_HUB = "docker.io";

  private ImageRefs() {}

  /** The registry host of an image reference, e.g. {@code 127.0.0.1:5000}, or null (Docker Hub). */
  public static String registry(String image) {
    String r = io.nauta.cri.RegistryConfig.registryOf(image);
    return image.startsWith(r + "/") ? r : null;
  }

  /** The repository path of an image reference without registry, tag or digest. */
  public static String repository(String image) {
    String registry = registry(image);
    String rest = registry == null ? image : image.substring(registry.length() + 1);
    int at = rest.indexOf('@');
    if (at >= 0) {
      rest = rest.substring(0, at);
    }
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      rest = rest.substring(0, colon);
    }
    return registry == null && !rest.contains("/") ? "library/" + rest : rest;
  }

  /** Whether a registry host is on this machine's loopback (reached over plain HTTP). */
  public static boolean loopback(String registry) {
    if (registry == null) {
      return false;
    }
    String host =
        registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  /** Kubernetes' default: Always for {@code :latest} or no tag, IfNotPresent otherwise. */
  public static String defaultPolicy(String image) {
    String last = image.substring(image.lastIndexOf('/') + 1);
    if (last.contains("@")) {
      return "IfNotPresent";
    }
    int colon = last.lastIndexOf(':');
    return colon < 0 || last.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }
}
