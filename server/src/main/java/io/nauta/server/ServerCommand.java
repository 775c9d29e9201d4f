package io.nauta.server;

import io.nauta.apiserver.ApiServer;
import io.nauta.apiserver.ApiServerConfig;
import io.nauta.apiserver.StoreOpener;
import io.nauta.apiserver.resources.core.DefaultTolerationSeconds;
import io.nauta.apiserver.services.ServiceNetwork;
import io.nauta.controllers.manager.ControllerManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nauta server}: runs the control plane in the foreground until Ctrl-C or SIGTERM. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run the control plane (API server and its store) in the foreground.")
final class ServerCommand implements Callable<Integer> {
  static final Path DEFAULT_CONFIG = Path.of("/etc/nauta/config.yaml");

  @Option(
      names = "--config",
      description = "YAML file of flag: value defaults (default: ${DEFAULT-VALUE} if it exists).",
      defaultValue = "/etc/nauta/config.yaml")
  Path configFile;

  @Option(
      names = "--data-dir",
      description = "Where state lives (default: /var/lib/nauta as root, ~/.nauta otherwise).")
  Path dataDir;

  @Option(
      names = "--join",
      description =
          "Join the cluster of the server at this URL, which shares this server's --store: its CA"
              + " and token come from the store, opened with --token-file (checked against the CA"
              + " that server presents).")
  String join;

  @Option(
      names = "--token-file",
      description =
          "The first server's token (its DATA/token) for a server joining a cluster on a shared"
              + " --store.")
  Path tokenFile;

  @Option(names = "--https-port", description = "HTTPS port of the API (default: 6443).")
  Integer httpsPort;

  @Option(names = "--bind-address", description = "Address to listen on (default: 0.0.0.0).")
  String bindAddress;

  @Option(
      names = "--disable-agent",
      description =
          "Run no node agent in this process (by default this machine is also a node that runs"
              + " pods; as root, with containerd and runc installed).")
  Boolean disableAgent;

  @CommandLine.Mixin AgentFlags agentFlags = new AgentFlags();

  @Option(
      names = "--disable-scheduler",
      description = "Run no scheduler in this process (run `nauta scheduler` elsewhere).")
  Boolean disableScheduler;

  @Option(
      names = "--event-ttl",
      paramLabel = "DURATION",
      converter = GoDurations.class,
      description = "How long Events are kept after they last happened (default 1h).")
  java.time.Duration eventTtl;

  @Option(
      names = "--metrics-resolution",
      paramLabel = "DURATION",
      converter = GoDurations.class,
      description =
          "How often node agents' stats are read for the metrics.k8s.io API and kubectl top"
              + " (default 10s).")
  java.time.Duration metricsResolution;

  @Option(
      names = "--watch-cache",
      arity = "1",
      paramLabel = "BOOL",
      description =
          "Serve lists and watches from the API server's memory (default true); false sends each"
              + " to the store.")
  Boolean watchCache;

  @Option(
      names = "--disable-controllers",
      description =
          "Run no controller manager in this process (run `nauta controller-manager` elsewhere).")
  Boolean disableControllers;

  @Option(
      names = "--scheduler-config",
      description = "Scheduling profiles (YAML), selected by pods' schedulerName.")
  Path schedulerConfig;

  @Option(
      names = "--default-not-ready-toleration-seconds",
      description =
          "How long pods tolerate a not-ready node unless they say otherwise (default: 300).")
  Long notReadySeconds;

  @Option(
      names = "--default-unreachable-toleration-seconds",
      description =
          "How long pods tolerate an unreachable node unless they say otherwise (default: 300).")
  Long unreachableSeconds;

  @CommandLine.Mixin ControllerFlags controllerFlags = new ControllerFlags();

  @CommandLine.Mixin NetworkFlags networkFlags = new NetworkFlags();

  @CommandLine.Mixin DnsFlags dnsFlags = new DnsFlags();

  @CommandLine.Mixin ServiceFlags serviceFlags = new ServiceFlags();

  @CommandLine.Mixin StoreFlags storeFlags = new StoreFlags();

  @Option(
      names = "--watch-bookmark-interval",
      hidden = true,
      description = "Milliseconds between watch bookmarks (tests).")
  Long bookmarkMillis;

  @Override
  public Integer call() throws Exception {
    ConfigFileDefaults file = ConfigFileDefaults.load(configFile);
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.forAnnotatedObject(this);
    Path dir = dataDir != null ? dataDir : pathOr(file, spec, "--data-dir", defaultDataDir());
    int port =
        httpsPort != null
            ? httpsPort
            : Integer.parseInt(valueOr(file, spec, "--https-port", "6443"));
    String bind =
        bindAddress != null ? bindAddress : valueOr(file, spec, "--bind-address", "0.0.0.0");
    long bookmarks =
        bookmarkMillis != null
            ? bookmarkMillis
            : Long.parseLong(valueOr(file, spec, "--watch-bookmark-interval", "60000"));

    DefaultTolerationSeconds tolerations =
        new DefaultTolerationSeconds(
            notReadySeconds != null
                ? notReadySeconds
                : Long.parseLong(
                    valueOr(file, spec, "--default-not-ready-toleration-seconds", "300")),
            unreachableSeconds != null
                ? unreachableSeconds
                : Long.parseLong(
                    valueOr(file, spec, "--default-unreachable-toleration-seconds", "300")));
    NetworkFlags.Cluster network = networkFlags.resolve(flag -> valueOr(file, spec, flag, null));
    ControllerManager.Config controllerConfig =
        controllerFlags.config(flag -> valueOr(file, spec, flag, null), network.clusterCidr());
    ServiceNetwork services;
    StoreOpener storeOpener;
    try {
      storeOpener = storeFlags.opener(flag -> valueOr(file, spec, flag, null));
      services =
          serviceFlags.network(
              flag -> valueOr(file, spec, flag, null),
              networkFlags.clusterDnsGiven(flag -> valueOr(file, spec, flag, null)));
    } catch (IllegalArgumentException e) {
      System.err.println("nauta: " + e.getMessage());
      return 2;
    }
    // the agent's pods ask the DNS service the API server made (the service CIDR's tenth address
    // unless --cluster-dns says otherwise)
    network = network.withClusterDns(services.clusterDns());
    ApiServer api =
        new ApiServer(
            new ApiServerConfig(
                dir,
                bind,
                port,
                ApiServerConfig.DEFAULT_MAX_BODY,
                bookmarks,
                tolerations,
                services),
            storeOpener);
    try {
      api.withEventTtl(
          eventTtl != null
              ? eventTtl
              : GoDurations.parse(valueOr(file, spec, "--event-ttl", "1h")));
    } catch (IllegalArgumentException e) {
      System.err.println("nauta: invalid --event-ttl: " + e.getMessage());
      return 2;
    }
    try {
      api.withMetricsResolution(
          metricsResolution != null
              ? metricsResolution
              : GoDurations.parse(valueOr(file, spec, "--metrics-resolution", "10s")));
    } catch (IllegalArgumentException e) {
      System.err.println("nauta: invalid --metrics-resolution: " + e.getMessage());
      return 2;
    }
    api.withWatchCache(
        watchCache != null
            ? watchCache
            : Boolean.parseBoolean(valueOr(file, spec, "--watch-cache", "true")));
    try {
      api.withClusterToken(clusterToken(file, spec, storeOpener));
    } catch (IllegalArgumentException e) {
      System.err.println("nauta: " + e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      System.err.println("nauta: cannot join: " + Main.describe(e));
      return 1;
    }
    CountDownLatch stop = Components.stopSignal();
    try {
      api.start();
    } catch (Exception e) {
      api.close();
      System.err.println("nauta: cannot start the server: " + Main.describe(e));
      return 1;
    }
    boolean schedulerOff =
        disableScheduler != null
            ? disableScheduler
            : Boolean.parseBoolean(valueOr(file, spec, "--disable-scheduler", "false"));
    boolean controllersOff =
        disableControllers != null
            ? disableControllers
            : Boolean.parseBoolean(valueOr(file, spec, "--disable-controllers", "false"));
    AutoCloseable scheduler = null;
    AutoCloseable controllers = null;
    if (!controllersOff) {
      try {
        controllers = Components.startControllers(api.kubeconfig(), controllerConfig);
      } catch (Exception e) {
        api.close();
        System.err.println("nauta: cannot start the controller manager: " + Main.describe(e));
        return 1;
      }
    }
    if (!schedulerOff) {
      Path profiles =
          schedulerConfig != null
              ? schedulerConfig
              : pathOr(file, spec, "--scheduler-config", null);
      try {
        scheduler = Components.startScheduler(api.kubeconfig(), profiles);
      } catch (IllegalArgumentException | java.io.IOException e) {
        if (controllers != null) {
          controllers.close();
        }
        api.close();
        System.err.println("nauta: cannot start the scheduler: " + Main.describe(e));
        return 1;
      }
    }
    boolean agentOff =
        disableAgent != null
            ? disableAgent
            : Boolean.parseBoolean(valueOr(file, spec, "--disable-agent", "false"));
    boolean dnsOff =
        dnsFlags.disableDns != null
            ? dnsFlags.disableDns
            : Boolean.parseBoolean(valueOr(file, spec, "--disable-dns", "false"));
    AutoCloseable dns = null;
    if (!dnsOff) {
      try {
        String node =
            agentOff
                ? null
                : agentFlags.nodeName != null ? agentFlags.nodeName : AgentRunner.hostName();
        dns =
            ClusterDns.start(
                api.kubeconfig(),
                ClusterDns.config(
                    dnsFlags,
                    flag -> valueOr(file, spec, flag, null),
                    api.advertiseAddress(),
                    node,
                    network));
      } catch (Exception e) {
        System.err.println(
            "nauta: cannot start the cluster DNS server: "
                + Main.describe(e)
                + " (choose another --dns-port, or --disable-dns)");
        for (AutoCloseable c : new AutoCloseable[] {scheduler, controllers, api}) {
          if (c != null) {
            c.close();
          }
        }
        return 1;
      }
    }
    AgentRunner agent = null;
    if (!agentOff) {
      try {
        agent = startAgent(api, dir, network);
      } catch (Exception e) {
        System.err.println("nauta: cannot start the node agent: " + Main.describe(e));
        for (AutoCloseable c : new AutoCloseable[] {dns, scheduler, controllers, api}) {
          if (c != null) {
            c.close();
          }
        }
        return 1;
      }
    }
    System.out.println(
        "Nauta is ready at "
            + api.url()
            + ". Use it with: export KUBECONFIG="
            + api.kubeconfig()
            + "; kubectl get namespaces");
    System.out.println(
        "Join more machines with: nauta agent --server "
            + joinUrl(api, bind)
            + " --token-file "
            + dir.resolve("token")
            + " (copy the file there, or make more tokens with `nauta token create`)");
    System.out.flush();
    stop.await();
    System.out.println("Nauta is shutting down");
    if (agent != null) {
      agent.close();
    }
    if (dns != null) {
      dns.close();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    if (controllers != null) {
      controllers.close();
    }
    api.close();
    return 0;
  }

  /**
   * The node agent for this machine, a client of the API like a remote agent with its own node
   * credentials; null (with the reason printed) when this machine cannot run containers.
   */
  private AgentRunner startAgent(ApiServer api, Path dir, NetworkFlags.Cluster network)
      throws Exception {
    java.util.Optional<String> cannot = AgentRunner.cannotRunContainers(agentFlags);
    if (cannot.isPresent()) {
      System.out.println(
          "nauta: no node agent in this process: "
              + cannot.get()
              + " (--disable-agent silences this)");
      return null;
    }
    String name = agentFlags.nodeName != null ? agentFlags.nodeName : AgentRunner.hostName();
    agentFlags.nodeName = name;
    Path agentDir = dir.resolve("agent");
    Path kubeconfig =
        api.writeKubeconfig(
            agentDir.resolve("kubeconfig.yaml"), "system:node:" + name, List.of("system:nodes"));
    AgentRunner agent = AgentRunner.start(agentFlags, network, kubeconfig, agentDir);
    AgentCommand.ready(agent);
    return agent;
  }

  /**
   * The cluster token of {@code --token-file}, checked against the server of {@code --join} when
   * given; null when neither is given.
   */
  private String clusterToken(
      ConfigFileDefaults file, CommandLine.Model.CommandSpec spec, StoreOpener store)
      throws java.io.IOException {
    Path tokens = tokenFile != null ? tokenFile : pathOr(file, spec, "--token-file", null);
    String url = join != null ? join : valueOr(file, spec, "--join", null);
    if (tokens == null && url == null) {
      return null;
    }
    if (store == StoreOpener.EMBEDDED) {
      throw new IllegalArgumentException(
          "--join and --token-file are for servers sharing a store: add --store etcd://...");
    }
    if (tokens == null) {
      throw new IllegalArgumentException("--join needs --token-file (the first server's token)");
    }
    String text = java.nio.file.Files.readString(tokens).strip();
    io.nauta.apiserver.auth.JoinToken token =
        io.nauta.apiserver.auth.JoinToken.parse(text)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        tokens + " holds no join token (one line: K10<hash>::<id>.<secret>)"));
    if (url != null) {
      NodeJoin.trustedCa(url, token); // the server there is of the token's cluster
    }
    return text;
  }

  /**
   * The URL other machines reach this server at: when it listens on every address, the first
   * non-loopback one (which its serving certificate names), not the loopback its own clients use.
   */
  private static String joinUrl(ApiServer api, String bind) throws java.net.SocketException {
    boolean everywhere = bind.equals("0.0.0.0") || bind.equals("::") || bind.isEmpty();
    if (!everywhere) {
      return api.url();
    }
    String ip = AgentRunner.firstAddress();
    return "https://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + api.port();
  }

  private static String valueOr(
      ConfigFileDefaults file, CommandLine.Model.CommandSpec spec, String flag, String fallback) {
    String v = file.defaultValue(spec.findOption(flag));
    return v == null ? fallback : v;
  }

  private static Path pathOr(
      ConfigFileDefaults file, CommandLine.Model.CommandSpec spec, String flag, Path fallback) {
    String v = file.defaultValue(spec.findOption(flag));
    return v == null ? fallback : Path.of(v);
  }

  static Path defaultDataDir() {
    boolean root = "root".equals(System.getProperty("user.name"));
    return root ? Path.of("/var/lib/nauta") : Path.of(System.getProperty("user.home"), ".nauta");
  }

  static boolean exists(Path p) {
    return p != null && Files.exists(p);
  }
}
