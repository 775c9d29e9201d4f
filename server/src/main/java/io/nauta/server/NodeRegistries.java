package io.nauta.server;

import io.nauta.cri.Containerd;
import io.nauta.cri.ContainerdFiles;
import io.nauta.cri.RegistryConfig;
import io.nauta.cri.v1.AuthConfig;
import io.nauta.node.images.ImageRefs;
import io.nauta.node.images.Registries;
import java.util.List;

/**
 * The agent's registries: a loopback registry becomes a plain-HTTP host of our containerd before
 * its first pull (unless {@code --registry-config} says otherwise), and the credentials of {@code
 * --registry-config} are offered for the registry an image names.
 */
final class NodeRegistries implements Registries {
  private final Containerd containerd;
  private final RegistryConfig config;

  NodeRegistries(Containerd containerd, RegistryConfig config) {
    this.containerd = containerd;
    this.config = config;
  }

  @Override
  public void preparePull(String registryHost) {
    if (ImageRefs.loopback(registryHost)
        && !config.hosts().containsKey(registryHost)
        && !config.mirrors().containsKey(registryHost)) {
      containerd.config().ifPresent(c -> ContainerdFiles.addPlainHttpRegistry(c, registryHost));
    }
  }

  @Override
  public List<AuthConfig> credentials(String image) {
    return config
        .hostOf(image)
        .filter(h -> h.username() != null)
        .map(
            h ->
                List.of(
                    AuthConfig.newBuilder()
                        .setUsername(h.username())
                        .setPassword(h.password() == null ? "" : h.password())
                        .build()))
        .orElse(List.of());
  }
}
