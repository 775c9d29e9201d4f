package io.nauta.apiserver;

import io.nauta.apiserver.resources.core.DefaultTolerationSeconds;
import io.nauta.apiserver.services.ServiceNetwork;
import java.nio.file.Path;

/**
 * How to run the API server.
 *
 * @param dataDir where the store, PKI, tokens and kubeconfig live
 * @param bindAddress the address to listen on, e.g. 0.0.0.0 or 127.0.0.1
 * @param httpsPort the port, 0 for any free one
 * @param maxBodyBytes the largest request body accepted
 * @param bookmarkIntervalMillis how often watches that allow bookmarks get one
 * @param tolerations what the DefaultTolerationSeconds admission plugin gives pods
 * @param services the service CIDR, node port range, cluster DNS and advertise addresses
 */
public record ApiServerConfig(
    Path dataDir,
    String bindAddress,
    int httpsPort,
    int maxBodyBytes,
    long bookmarkIntervalMillis,
    DefaultTolerationSeconds tolerations,
    ServiceNetwork services) {
  /** Kubernetes' request body limit: 3 MiB. */
  public static final int DEFAULT_MAX_BODY = 3 * 1024 * 1024;

  /** A configuration with the default service network. */
  public ApiServerConfig(
      Path dataDir,
      String bindAddress,
      int httpsPort,
      int maxBodyBytes,
      long bookmarkIntervalMillis,
      DefaultTolerationSeconds tolerations) {
    this(
        dataDir,
        bindAddress,
        httpsPort,
        maxBodyBytes,
        bookmarkIntervalMillis,
        tolerations,
        ServiceNetwork.DEFAULTS);
  }

  public static ApiServerConfig of(Path dataDir, String bindAddress, int httpsPort) {
    return new ApiServerConfig(
        dataDir,
        bindAddress,
        httpsPort,
        DEFAULT_MAX_BODY,
        60_000,
        DefaultTolerationSeconds.DEFAULTS);
  }
}
