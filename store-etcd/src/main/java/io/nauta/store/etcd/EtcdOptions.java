package io.nauta.store.etcd;

import io.nauta.store.embedded.EmbeddedOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to reach an etcd cluster; start from {@link #parse(String)} and change fields with the {@code
 * with*} methods.
 *
 * @param endpoints the members' client addresses, {@code host:port}; requests are spread over those
 *     that answer
 * @param tls client TLS to etcd, or null for plain text
 * @param keyPrefix prepended to every key in etcd (keys read back have it removed), so several
 *     stores can share one cluster; empty for none
 * @param requestTimeout how long one request may take before it fails with IO (e.g. no quorum)
 * @param maxKeyBytes largest key, in UTF-8 bytes; larger writes fail with INVALID
 * @param maxValueBytes largest value; larger writes fail with INVALID (etcd must accept requests
 *     this large: its {@code --max-request-bytes})
 * @param watchQueueLimit most undelivered events a watch may have before it is ended with
 *     SLOW_WATCHER
 */
public record EtcdOptions(
    List<String> endpoints,
    Tls tls,
    String keyPrefix,
    Duration requestTimeout,
    int maxKeyBytes,
    int maxValueBytes,
    int watchQueueLimit) {

  /** The URI scheme of {@link #parse(String)}. */
  public static final String SCHEME = "etcd://";

  /**
   * Client TLS files (PEM).
   *
   * @param caFile the CA that signed the members' serving certificates
   * @param certFile the client certificate, or null
   * @param keyFile the client certificate's key (PKCS#8), or null
   */
  public record Tls(Path caFile, Path certFile, Path keyFile) {}

  public EtcdOptions {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is needed");
    }
    for (String endpoint : endpoints) {
      int colon = endpoint.lastIndexOf(':');
      if (colon <= 0 || !endpoint.substring(colon + 1).matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("etcd endpoint is not host:port: " + endpoint);
      }
    }
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    if (maxKeyBytes < 1 || maxValueBytes < 0 || watchQueueLimit < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /**
   * Options for {@code etcd://host:port,host:port}: no TLS, no key prefix, 5 s requests, the
   * embedded engine's key and value limits, 10,000 queued events per watch.
   *
   * @throws IllegalArgumentException if {@code uri} is not of that form
   */
  public static EtcdOptions parse(String uri) {
    if (!uri.startsWith(SCHEME) || uri.length() == SCHEME.length()) {
      throw new IllegalArgumentException("expected etcd://host:port[,host:port...], got " + uri);
    }
    String hosts = uri.substring(SCHEME.length());
    if (hosts.endsWith("/")) {
      hosts = hosts.substring(0, hosts.length() - 1);
    }
    EmbeddedOptions embedded = EmbeddedOptions.defaults();
    return new EtcdOptions(
        Arrays.stream(hosts.split(",")).map(String::strip).toList(),
        null,
        "",
        Duration.ofSeconds(5),
        embedded.maxKeyBytes(),
        embedded.maxValueBytes(),
        embedded.watchQueueLimit());
  }

  /** True if {@code store} names an etcd cluster rather than the embedded engine. */
  public static boolean isEtcd(String store) {
    return store != null && store.startsWith(SCHEME);
  }

  public EtcdOptions withTls(Tls tls) {
    return new EtcdOptions(
        endpoints, tls, keyPrefix, requestTimeout, maxKeyBytes, maxValueBytes, watchQueueLimit);
  }

  public EtcdOptions withKeyPrefix(String keyPrefix) {
    return new EtcdOptions(
        endpoints, tls, keyPrefix, requestTimeout, maxKeyBytes, maxValueBytes, watchQueueLimit);
  }

  public EtcdOptions withRequestTimeout(Duration requestTimeout) {
    return new EtcdOptions(
        endpoints, tls, keyPrefix, requestTimeout, maxKeyBytes, maxValueBytes, watchQueueLimit);
  }

  public EtcdOptions withWatchQueueLimit(int watchQueueLimit) {
    return new EtcdOptions(
        endpoints, tls, keyPrefix, requestTimeout, maxKeyBytes, maxValueBytes, watchQueueLimit);
  }

  /** The endpoints as a URI {@link #parse(String)} reads. */
  public String uri() {
    return SCHEME + String.join(",", endpoints);
  }
}
