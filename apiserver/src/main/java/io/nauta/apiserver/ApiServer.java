package io.nauta.apiserver;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nauta.apiserver.allocation.IpRange;
import io.nauta.apiserver.auth.Authenticator;
import io.nauta.apiserver.auth.BootstrapTokens;
import io.nauta.apiserver.auth.JoinToken;
import io.nauta.apiserver.auth.TokenFile;
import io.nauta.apiserver.endpoints.ApiHandler;
import io.nauta.apiserver.endpoints.ResourceHandler;
import io.nauta.apiserver.http.HttpServer;
import io.nauta.apiserver.lifecycle.ClusterBootstrap;
import io.nauta.apiserver.lifecycle.EventExpiry;
import io.nauta.apiserver.lifecycle.KubernetesEndpoints;
import io.nauta.apiserver.lifecycle.LocalPathStorageClass;
import io.nauta.apiserver.lifecycle.NamespaceLifecycle;
import io.nauta.apiserver.lifecycle.ServerToken;
import io.nauta.apiserver.lifecycle.SystemPriorityClasses;
import io.nauta.apiserver.lifecycle.SystemServices;
import io.nauta.apiserver.metrics.MeteredStore;
import io.nauta.apiserver.metrics.StoreMeters;
import io.nauta.apiserver.pki.CertificateAuthority;
import io.nauta.apiserver.pki.Kubeconfig;
import io.nauta.apiserver.pki.Pem;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceCatalog;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.resourcemetrics.AgentSummaryClient;
import io.nauta.apiserver.resourcemetrics.MetricsWindow;
import io.nauta.apiserver.resourcemetrics.SummaryScraper;
import io.nauta.apiserver.resources.BuiltinResources;
import io.nauta.apiserver.services.ServiceAllocationRepair;
import io.nauta.apiserver.services.ServiceAllocations;
import io.nauta.apiserver.signing.CertificateSigner;
import io.nauta.apiserver.status.ApiException;
import io.nauta.store.Compactor;
import io.nauta.store.Store;
import io.nauta.store.cache.WatchCache;
import io.nauta.store.cache.WatchCacheOptions;
import io.nauta.store.embedded.EmbeddedStore;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server component: on {@link #start} it opens the store, ensures PKI, tokens and system
 * namespaces, serves HTTPS and writes the admin kubeconfig; {@link #close} stops it all in reverse.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** The common name of the API server's client certificate toward node agents. */
  public static final String AGENT_CLIENT_NAME = "nauta-apiserver-kubelet-client";

  /** How long a fresh allocation without its Service is left alone by the repair. */
  private static final java.time.Duration REPAIR_GRACE = java.time.Duration.ofMinutes(1);

  /** How often allocations are reconciled with Services (Kubernetes: 3 minutes). */
  private static final java.time.Duration REPAIR_PERIOD = java.time.Duration.ofMinutes(3);

  private static final long ENDPOINTS_REFRESH_SECONDS = 10;

  /** How often a deleted {@code kubernetes} or {@code kube-dns} Service is recreated. */
  private static final long SYSTEM_SERVICES_PERIOD_SECONDS = 60;

  private final ApiServerConfig config;
  private KubernetesEndpoints kubernetesEndpoints;
  private final StoreOpener storeOpener;
  private Store store;
  private Compactor compactor;
  private HttpServer http;
  private NamespaceLifecycle namespaces;
  private ScheduledExecutorService timer;
  private volatile boolean ready;
  private Path kubeconfig;
  private String adminToken;
  private CertificateAuthority ca;
  private CertificateSigner signer;
  private JoinToken joinToken;

  public ApiServer(ApiServerConfig config) {
    this(config, StoreOpener.EMBEDDED);
  }

  /** An API server keeping its objects in the store {@code storeOpener} opens. */
  public ApiServer(ApiServerConfig config, StoreOpener storeOpener) {
    this.config = config;
    this.storeOpener = storeOpener;
  }

  private String clusterToken;
  private boolean watchCache = true;
  private Duration eventTtl = Duration.ofHours(1);
  private EventExpiry eventExpiry;
  private Duration metricsResolution = DEFAULT_METRICS_RESOLUTION;
  private SummaryScraper scraper;

  /** The default resolution of resource metrics. */
  public static final Duration DEFAULT_METRICS_RESOLUTION = Duration.ofSeconds(10);

  /** The longest a node agent may take to answer a stats request. */
  private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The join token of the cluster whose shared store this server joins (the first server's {@code
   * DATA/token}); not needed by the first server, a restart, or the embedded store. Call before
   * {@link #start}.
   */
  public ApiServer withClusterToken(String token) {
    this.clusterToken = token;
    return this;
  }

  /**
   * Whether lists and watches are served from the watch cache (the default) or each by the store.
   */
  public ApiServer withWatchCache(boolean enabled) {
    this.watchCache = enabled;
    return this;
  }

  /** How long Events live after they last happened (kube-apiserver's --event-ttl; 1 h). */
  public ApiServer withEventTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("the event TTL must be positive, not " + ttl);
    }
    this.eventTtl = ttl;
    return this;
  }

  /**
   * How often node agents' stats summaries are read for the {@code metrics.k8s.io} API (default 10
   * s; metrics-server's default is 15 s, shorter gives autoscalers fresher data).
   */
  public ApiServer withMetricsResolution(Duration resolution) {
    if (resolution.isNegative() || resolution.isZero()) {
      throw new IllegalArgumentException(
          "the metrics resolution must be positive, not " + resolution);
    }
    this.metricsResolution = resolution;
    return this;
  }

  /** Starts everything; returns when the API answers. */
  public ApiServer start() throws IOException, InterruptedException {
    Path dir = config.dataDir();
    Files.createDirectories(dir);
    restrict(dir);
    Path tls = dir.resolve("tls");
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Store engine = storeOpener.open(dir, new StoreMeters(metrics));
    if (!(engine instanceof EmbeddedStore)) {
      try {
        // a shared store: this server takes the cluster's CA and token (or publishes its own)
        ClusterBootstrap.prepare(engine, dir, Optional.ofNullable(clusterToken));
      } catch (IOException | RuntimeException e) {
        engine.close();
        throw e;
      }
      // the embedded engine compacts itself; any other is compacted as Kubernetes compacts etcd
      compactor = Compactor.start(engine, Compactor.DEFAULT_INTERVAL);
    }
    ca = CertificateAuthority.loadOrCreate(tls);
    CertificateAuthority.Issued serving =
        ca.issueServer("nauta-apiserver", dnsNames(), ipAddresses());
    CertificateAuthority.Issued admin = adminCertificate(ca, tls);
    adminToken = ensureTokens(dir.resolve("tokens.csv"));
    TokenFile tokens = TokenFile.load(dir.resolve("tokens.csv"));

    Store served = engine;
    if (watchCache) {
      try {
        // the embedded engine's own reads are as cheap as the cache's and never stale
        served =
            WatchCache.open(
                engine,
                WatchCacheOptions.defaults().withCachedPeeks(!(engine instanceof EmbeddedStore)));
      } catch (RuntimeException e) {
        engine.close();
        throw e;
      }
    }
    store = new MeteredStore(served, metrics);
    ResourceCatalog catalog = new ResourceCatalog(BuiltinResources.all(config.tolerations()));
    Registry registry = new Registry(store, catalog, Clock.systemUTC());
    namespaces = new NamespaceLifecycle(registry);
    namespaces.start();
    ServiceAllocations allocations =
        ServiceAllocations.of(store, config.services(), Clock.systemUTC());
    registry.setHooks(catalog.find("", "v1", "services").orElseThrow(), allocations);
    ServiceAllocationRepair repair =
        new ServiceAllocationRepair(registry, allocations, Clock.systemUTC(), REPAIR_GRACE);
    repair.run();
    SystemPriorityClasses.ensure(registry);
    LocalPathStorageClass.ensure(registry);
    joinToken = ServerToken.ensure(registry, dir.resolve("token"), ca.certificate());
    signer = new CertificateSigner(registry, ca, Clock.systemUTC());
    signer.start();
    ResourceType secrets = catalog.find("", "v1", "secrets").orElseThrow();
    BootstrapTokens bootstrap =
        new BootstrapTokens(
            id -> {
              try {
                return Optional.of(
                    registry.get(secrets, "kube-system", BootstrapTokens.SECRET_PREFIX + id));
              } catch (ApiException e) {
                return Optional.empty();
              }
            },
            Clock.systemUTC());

    AtomicInteger watchers = new AtomicInteger();
    metrics.gauge("apiserver.registered.watchers", watchers);
    metrics.gauge("nauta.store.revision", store, Store::currentRevision);
    timer =
        Executors.newScheduledThreadPool(
            1, r -> Thread.ofPlatform().daemon().name("apiserver-timer").unstarted(r));
    ResourceHandler resources =
        new ResourceHandler(registry, timer, config.bookmarkIntervalMillis(), watchers);
    CertificateAuthority.Issued agentClient =
        clientCertificate(ca, tls, "apiserver-kubelet-client", AGENT_CLIENT_NAME);
    MetricsWindow resourceMetrics = new MetricsWindow(metricsResolution);
    ApiHandler handler =
        new ApiHandler(
            registry,
            resources,
            metrics,
            () -> ready,
            agentClientTls(ca, agentClient),
            resourceMetrics);

    SslContext ssl =
        SslContextBuilder.forServer(serving.key(), serving.certificate(), ca.certificate())
            .sslProvider(SslProvider.JDK)
            .trustManager(ca.certificate())
            .clientAuth(ClientAuth.OPTIONAL)
            .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
            .applicationProtocolConfig(
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2,
                    ApplicationProtocolNames.HTTP_1_1))
            .build();
    http =
        new HttpServer(
                new InetSocketAddress(config.bindAddress(), config.httpsPort()),
                ssl,
                new Authenticator(tokens, bootstrap),
                handler,
                config.maxBodyBytes())
            .start();
    SystemServices.ensure(registry, config.services(), http.port());
    kubernetesEndpoints =
        new KubernetesEndpoints(registry, advertiseAddress(), http.port())
            .start(timer, ENDPOINTS_REFRESH_SECONDS);
    eventExpiry = new EventExpiry(store, eventTtl, Clock.systemUTC()).start();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            SystemServices.ensure(registry, config.services(), http.port());
          } catch (RuntimeException e) {
            LOG.warn("cannot ensure the system Services", e);
          }
        },
        SYSTEM_SERVICES_PERIOD_SECONDS,
        SYSTEM_SERVICES_PERIOD_SECONDS,
        java.util.concurrent.TimeUnit.SECONDS);
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            repair.run();
          } catch (RuntimeException e) {
            LOG.warn("service allocation repair failed", e);
          }
        },
        REPAIR_PERIOD.toSeconds(),
        REPAIR_PERIOD.toSeconds(),
        java.util.concurrent.TimeUnit.SECONDS);
    scraper =
        new SummaryScraper(
                registry,
                new AgentSummaryClient(
                    agentClient.certificate(),
                    agentClient.key(),
                    metricsResolution.compareTo(AGENT_TIMEOUT) < 0
                        ? metricsResolution
                        : AGENT_TIMEOUT),
                resourceMetrics,
                metricsResolution,
                Clock.systemUTC())
            .start();
    kubeconfig = writeKubeconfig(dir.resolve("kubeconfig.yaml"), admin, "admin");
    ready = true;
    handler.prepareInBackground();
    return this;
  }

  /** The bound HTTPS port. */
  public int port() {
    return http.port();
  }

  /** The URL clients use, e.g. {@code https://127.0.0.1:6443}. */
  public String url() {
    String host = config.bindAddress();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      host = "127.0.0.1";
    }
    return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** The store (for tests and tools in this process). */
  public Store store() {
    return store;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The token machines join this cluster with (also in the data dir's {@code token} file). */
  public JoinToken joinToken() {
    return joinToken;
  }

  /** The admin bearer token from the token file. */
  public String adminToken() {
    return adminToken;
  }

  private static CertificateAuthority.Issued adminCertificate(CertificateAuthority ca, Path tls)
      throws IOException {
    return clientCertificate(ca, tls, "admin", "admin");
  }

  /** A client certificate of the cluster CA kept in {@code tls/<file>.{crt,key}}. */
  private static CertificateAuthority.Issued clientCertificate(
      CertificateAuthority ca, Path tls, String file, String commonName) throws IOException {
    Path crt = tls.resolve(file + ".crt");
    Path key = tls.resolve(file + ".key");
    if (Files.exists(crt) && Files.exists(key)) {
      return new CertificateAuthority.Issued(
          Pem.readCertificate(Files.readString(crt)), Pem.readPrivateKey(Files.readString(key)));
    }
    CertificateAuthority.Issued issued = ca.issueClient(commonName, List.of("system:masters"));
    Pem.writePrivate(key, issued.keyPem());
    Files.writeString(crt, issued.certificatePem());
    return issued;
  }

  /**
   * How the API server calls node agents (logs, exec, attach, port-forward, node proxy): with a
   * client certificate of its own, which agents require. Like kube-apiserver without
   * --kubelet-certificate-authority, it does not verify the agents' (self-signed) serving
   * certificates.
   */
  private static SslContext agentClientTls(
      CertificateAuthority ca, CertificateAuthority.Issued client) throws IOException {
    return SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .keyManager(client.key(), client.certificate(), ca.certificate())
        .trustManager(InsecureTrustManagerFactory.INSTANCE)
        .build();
  }

  private static String ensureTokens(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] raw = new byte[24];
      new SecureRandom().nextBytes(raw);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Pem.writePrivate(file, token + ",admin,admin,\"system:masters\"\n");
    }
    for (String line : Files.readAllLines(file)) {
      if (line.contains(",admin,")) {
        return line.substring(0, line.indexOf(','));
      }
    }
    return null;
  }

  /**
   * Writes a kubeconfig for this server with a fresh client certificate of the cluster CA for
   * {@code user} in {@code groups} (e.g. a node agent in this process: {@code system:node:NAME} in
   * {@code system:nodes}), readable by the owner only.
   */
  public Path writeKubeconfig(Path file, String user, List<String> groups) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return writeKubeconfig(file, ca.issueClient(user, groups), "user");
  }

  private Path writeKubeconfig(Path file, CertificateAuthority.Issued issued, String userName)
      throws IOException {
    return Kubeconfig.write(
        file, url(), ca.certificatePem(), issued.certificatePem(), issued.keyPem(), userName);
  }

  private List<String> dnsNames() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "localhost",
                "kubernetes",
                "kubernetes.default",
                "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local"));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!names.contains(host)) {
        names.add(host);
      }
    } catch (IOException e) {
      LOG.debug("no host name", e);
    }
    return names;
  }

  private List<InetAddress> ipAddresses() {
    List<InetAddress> ips = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        ips.addAll(
            Collections.list(nif.getInetAddresses()).stream()
                .filter(a -> !a.isLinkLocalAddress())
                .toList());
      }
      InetAddress bind = InetAddress.getByName(config.bindAddress());
      if (!bind.isAnyLocalAddress() && !ips.contains(bind)) {
        ips.add(bind);
      }
      InetAddress loop = InetAddress.getByName("127.0.0.1");
      if (!ips.contains(loop)) {
        ips.add(loop);
      }
      // pods reach the API server as the kubernetes Service (KUBERNETES_SERVICE_HOST)
      InetAddress service = InetAddress.getByName(config.services().kubernetesServiceIp());
      if (!ips.contains(service)) {
        ips.add(service);
      }
    } catch (IOException e) {
      LOG.debug("cannot list interfaces", e);
    }
    return ips;
  }

  private static void restrict(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot restrict {}", dir, e);
    }
  }

  /**
   * The address other machines reach this server at: the configured one, else the bind address when
   * it is a specific IPv4 address, else the host's first non-loopback IPv4 address.
   */
  public String advertiseAddress() {
    if (config.services().advertiseAddress() != null) {
      return config.services().advertiseAddress();
    }
    String bind = config.bindAddress();
    if (IpRange.parseIp(bind) >= 0 && !bind.equals("0.0.0.0")) {
      return bind;
    }
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a instanceof java.net.Inet4Address) {
            return a.getHostAddress();
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot list interfaces", e);
    }
    return "127.0.0.1";
  }

  @Override
  public void close() {
    ready = false;
    if (kubernetesEndpoints != null) {
      kubernetesEndpoints.close();
    }
    if (eventExpiry != null) {
      eventExpiry.close();
    }
    if (scraper != null) {
      scraper.close();
    }
    if (http != null) {
      http.close();
    }
    if (namespaces != null) {
      namespaces.close();
    }
    if (signer != null) {
      signer.close();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    if (compactor != null) {
      compactor.close();
    }
    if (store != null) {
      store.close();
    }
  }
}
