package io.nauta.node.images;

import io.nauta.cri.v1.AuthConfig;
import java.util.List;

/**
 * What the node knows about registries besides what pods bring (their imagePullSecrets): how to
 * prepare the runtime for a registry, and credentials configured for the node. Implementations are
 * thread-safe.
 */
public interface Registries {
  /** Nothing to prepare and no node credentials. */
  Registries NONE =
      new Registries() {
        @Override
        public void preparePull(String registryHost) {}

        @Override
        public List<AuthConfig> credentials(String image) {
          return List.of();
        }
      };

  /**
   * Called before an image is pulled from {@code registryHost} (e.g. {@code 127.0.0.1:5000}), e.g.
   * to let the runtime reach a loopback registry over plain HTTP.
   */
  void preparePull(String registryHost);

  /** Credentials the node has for the registry of {@code image}, tried after the pod's own. */
  List<AuthConfig> credentials(String image);
}
