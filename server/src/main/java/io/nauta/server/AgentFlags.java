package io.nauta.server;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The node agent's flags, shared by {@code nauta agent} and the agent inside {@code nauta server}.
 */
final class AgentFlags {
  @Option(names = "--node-name", description = "The Node's name (default: this host's name).")
  String nodeName;

  @Option(
      names = "--node-ip",
      description = "The address other nodes reach this one at (default: the first non-loopback).")
  String nodeIp;

  @Option(
      names = "--container-runtime",
      defaultValue = "containerd",
      description =
          "containerd (default: runs its own containerd, or uses --containerd-socket), or none"
              + " (the node registers but takes no pods).")
  String containerRuntime;

  @Option(
      names = "--containerd-socket",
      description = "Use the containerd listening here instead of starting one.")
  Path containerdSocket;

  @Option(
      names = "--pod-cidr",
      description =
          "Addresses for this node's pods, registered as the Node's spec.podCIDR (default: the"
              + " /24 of --cluster-cidr that the controller manager assigns).")
  String podCidr;

  @Option(
      names = "--bridge-name",
      defaultValue = "nauta0",
      description = "The Linux bridge pods attach to (default: ${DEFAULT-VALUE}).")
  String bridgeName;

  @Option(
      names = "--agent-port",
      defaultValue = "10250",
      description =
          "The port of the agent's HTTPS API (logs, exec, attach, port-forward, stats) that the"
              + " API server proxies to (default: ${DEFAULT-VALUE}; 0: any free port).")
  int agentPort;

  @Option(
      names = "--max-local-path-volumes",
      converter = NonNegative.class,
      description =
          "How many local-path volumes pods on this node may use at once, announced as the"
              + " allocatable count of driver local-path.nauta.io in the node's CSINode; the"
              + " scheduler places no pod that would exceed it (default: no limit).")
  Integer maxLocalPathVolumes;

  @Option(
      names = "--registry-config",
      description =
          "Registry mirrors, TLS settings and credentials (YAML: mirrors: {HOST: {endpoint: [URL]}},"
              + " configs: {HOST: {tls: {insecure_skip_verify, ca_file}, auth: {username,"
              + " password}}}). Registries on loopback need no entry: they are reached over plain"
              + " HTTP.")
  Path registryConfig;

  @Option(
      names = "--stop-pods-on-exit",
      description =
          "Stop this node's pods and its containerd when the agent exits (default: pods keep"
              + " running and the next start adopts them, as a kubelet restart does).")
  boolean stopPodsOnExit;

  @Option(
      names = "--disable-proxy",
      description =
          "Do not run the service proxy, which programs this node's network namespace (nftables"
              + " table ip nauta-proxy) so that Service cluster IPs and node ports reach their"
              + " endpoints. It runs only with a container runtime.")
  boolean disableProxy;

  /** Parses a count that may not be negative, as a CSINode's {@code allocatable.count}. */
  static final class NonNegative implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new CommandLine.TypeConversionException("must be greater than or equal to 0");
      }
      return n;
    }
  }
}
