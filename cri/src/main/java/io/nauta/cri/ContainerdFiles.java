package io.nauta.cri;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the files a {@link ContainerdConfig} implies: containerd's TOML (config version 2, as
 * containerd 1.6 reads it), the CNI conflist, and per-registry {@code hosts.toml}. Rewriting is
 * idempotent; containerd reads registry hosts on every pull, so registries can be added while it
 * runs.
 */
public final class ContainerdFiles {
  private static final String CRI = "plugins.\"io.containerd.grpc.v1.cri\"";

  private ContainerdFiles() {}

  /**
   * Creates the directories and writes containerd.toml and, when the pod CIDR is known, the CNI
   * conflist (else {@link #writeCni} writes it later: containerd picks it up when it appears).
   */
  public static void write(ContainerdConfig config) {
    try {
      Files.createDirectories(config.root());
      Files.createDirectories(config.state());
      Files.createDirectories(config.cniConfDir());
      Files.createDirectories(config.ipamDataDir());
      Files.createDirectories(config.registryHostsDir());
      Files.writeString(config.configFile(), toml(config));
      if (config.podCidr() != null) {
        writeCni(config);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the CNI conflist for {@code config}'s pod CIDR, atomically (containerd watches the
   * directory and must never read half a file).
   */
  public static void writeCni(ContainerdConfig config) {
    try {
      Files.createDirectories(config.cniConfDir());
      Path tmp = config.cniConfDir().resolve(".10-nauta.conflist.tmp");
      Files.writeString(tmp, conflist(config));
      Files.move(
          tmp,
          config.cniConfDir().resolve("10-nauta.conflist"),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Marks {@code hostPort} (e.g. {@code 127.0.0.1:5000}) as a plain-HTTP registry for this
   * containerd. Meant for loopback test registries.
   */
  public static void addPlainHttpRegistry(ContainerdConfig config, String hostPort) {
    Path dir = config.registryHostsDir().resolve(hostPort);
    String toml =
        """
        server = "http://%1$s"

        [host."http://%1$s"]
          capabilities = ["pull", "resolve", "push"]
          skip_verify = true
        """
            .formatted(hostPort);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("hosts.toml"), toml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a {@code hosts.toml} per registry of {@code registries}: mirrors first (in order), then
   * the registry itself; TLS settings of each host applied where that host is contacted.
   */
  public static void writeRegistries(ContainerdConfig config, RegistryConfig registries) {
    java.util.Set<String> names = new java.util.TreeSet<>(registries.mirrors().keySet());
    names.addAll(registries.hosts().keySet());
    for (String name : names) {
      String dirName = name.equals("*") ? "_default" : name;
      Path dir = config.registryHostsDir().resolve(dirName);
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hosts.toml"), hostsToml(name, registries));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One registry's hosts.toml (see {@link #writeRegistries}). */
  static String hostsToml(String name, RegistryConfig registries) {
    StringBuilder b = new StringBuilder();
    if (!name.equals("*")) {
      String server = name.equals("docker.io") ? "https://registry-1.docker.io" : "https://" + name;
      b.append("server = \"").append(server).append("\"\n");
      tls(b, registries.hosts().get(name), "");
    }
    for (String endpoint : registries.mirrors().getOrDefault(name, List.of())) {
      String url = endpoint.contains("://") ? endpoint : "https://" + endpoint;
      String host = java.net.URI.create(url).getAuthority();
      b.append("\n[host.\"").append(url).append("\"]\n");
      b.append("  capabilities = [\"pull\", \"resolve\"]\n");
      tls(b, registries.hosts().get(host), "  ");
    }
    return b.toString();
  }

  private static void tls(StringBuilder b, RegistryConfig.Host h, String indent) {
    if (h == null) {
      return;
    }
    if (h.insecureSkipVerify()) {
      b.append(indent).append("skip_verify = true\n");
    }
    if (h.caFile() != null) {
      b.append(indent).append("ca = \"").append(h.caFile()).append("\"\n");
    }
  }

  /**
   * containerd's configuration. Why the non-default settings: this host has no CAP_SYS_RESOURCE (so
   * a negative oom_score_adj fails: restrict it), PID 1 is not systemd (cgroupfs), network
   * namespaces stay under our state dir, the stream server takes a free port so two containerds can
   * run side by side, and unused snapshotters are disabled to start faster.
   */
  static String toml(ContainerdConfig c) {
    return """
        version = 2
        root = "%s"
        state = "%s"
        disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", \
        "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

        [grpc]
          address = "%s"

        [%s]
          sandbox_image = "%s"
          restrict_oom_score_adj = true
          netns_mounts_under_state_dir = true
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"
          enable_selinux = false

        [%4$s.containerd]
          snapshotter = "overlayfs"
          default_runtime_name = "runc"

        [%4$s.containerd.runtimes.runc]
          runtime_type = "io.containerd.runc.v2"

        [%4$s.containerd.runtimes.runc.options]
          SystemdCgroup = false

        [%4$s.cni]
          bin_dir = "%s"
          conf_dir = "%s"
          max_conf_num = 1

        [%4$s.registry]
          config_path = "%s"
        """
        .formatted(
            c.root(),
            c.state(),
            c.socket(),
            CRI,
            c.sandboxImage(),
            c.cniBinDir(),
            c.cniConfDir(),
            c.registryHostsDir());
  }

  /**
   * The pod network: a bridge with host-local IPAM (no masquerading here: the agent masquerades
   * only traffic leaving the cluster, so pods on different nodes see each other's addresses),
   * hairpin mode (a pod reaching itself through a Service), plus portmap for hostPort. containerd
   * itself sets up each sandbox's loopback with the {@code loopback} plugin from the same bin_dir,
   * so it is not part of the chain.
   */
  static String conflist(ContainerdConfig c) {
    return """
        {
          "cniVersion": "1.0.0",
          "name": "%s",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "ipMasq": false,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "dataDir": "%s",
                "ranges": [[{"subnet": "%s"}]],
                "routes": [{"dst": "0.0.0.0/0"}]
              }
            },
            {"type": "portmap", "capabilities": {"portMappings": true}}
          ]
        }
        """
        .formatted(c.networkName(), c.bridgeName(), c.ipamDataDir(), c.podCidr());
  }
}
