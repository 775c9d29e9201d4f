package io.nauta.cri;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a containerd of our own: everything it writes lives under {@link #dataDir()} (root,
 * state, socket, CNI configuration and IPAM data, registry hosts, log), except what containerd
 * always puts in {@code /run/containerd/{s,fifo,runc}}.
 *
 * @param dataDir directory owning all of this containerd's files; its path must be short enough for
 *     a unix socket (under ~90 characters)
 * @param podCidr the pod network handed out by host-local IPAM, e.g. {@code 10.88.0.0/16}
 * @param bridgeName the Linux bridge the CNI bridge plugin creates (at most 15 characters)
 * @param sandboxImage the pod sandbox ("pause") image; must be present locally (no internet)
 * @param binary the containerd executable
 * @param cniBinDir where the CNI plugins (bridge, host-local, loopback, portmap) are installed
 * @param startTimeout how long {@link Containerd#start} waits for the socket to answer Version
 */
public record ContainerdConfig(
    Path dataDir,
    String podCidr,
    String bridgeName,
    String sandboxImage,
    Path binary,
    Path cniBinDir,
    Duration startTimeout) {
  public static final String DEFAULT_POD_CIDR = "10.88.0.0/16";
  public static final String DEFAULT_BRIDGE = "nauta0";
  public static final String DEFAULT_SANDBOX_IMAGE = "nauta.local/pause:1";

  public ContainerdConfig {
    if (bridgeName.isEmpty() || bridgeName.length() > 15) {
      throw new IllegalArgumentException("bridge name must have 1-15 characters: " + bridgeName);
    }
    dataDir = dataDir.toAbsolutePath();
  }

  /** The defaults: {@value #DEFAULT_POD_CIDR}, bridge {@value #DEFAULT_BRIDGE}, system binaries. */
  public static ContainerdConfig defaults(Path dataDir) {
    return new ContainerdConfig(
        dataDir,
        DEFAULT_POD_CIDR,
        DEFAULT_BRIDGE,
        DEFAULT_SANDBOX_IMAGE,
        Path.of("/usr/bin/containerd"),
        Path.of("/usr/lib/cni"),
        Duration.ofSeconds(30));
  }

  public ContainerdConfig withPodCidr(String cidr) {
    return new ContainerdConfig(
        dataDir, cidr, bridgeName, sandboxImage, binary, cniBinDir, startTimeout);
  }

  public ContainerdConfig withBridgeName(String name) {
    return new ContainerdConfig(
        dataDir, podCidr, name, sandboxImage, binary, cniBinDir, startTimeout);
  }

  public ContainerdConfig withSandboxImage(String image) {
    return new ContainerdConfig(
        dataDir, podCidr, bridgeName, image, binary, cniBinDir, startTimeout);
  }

  public Path socket() {
    return dataDir.resolve("containerd.sock");
  }

  public Path root() {
    return dataDir.resolve("root");
  }

  public Path state() {
    return dataDir.resolve("state");
  }

  public Path configFile() {
    return dataDir.resolve("containerd.toml");
  }

  public Path logFile() {
    return dataDir.resolve("containerd.log");
  }

  /** The CNI conf_dir: holds only the conflist written by {@link ContainerdFiles}. */
  public Path cniConfDir() {
    return dataDir.resolve("cni/net.d");
  }

  /** host-local IPAM's allocations, kept apart from the shared /var/lib/cni. */
  public Path ipamDataDir() {
    return dataDir.resolve("cni/ipam");
  }

  /** The registry config_path: one {@code <host:port>/hosts.toml} per configured registry. */
  public Path registryHostsDir() {
    return dataDir.resolve("certs.d");
  }

  /** The CNI network name, unique per bridge so IPAM data and iptables chains do not mix. */
  public String networkName() {
    return "nauta-" + bridgeName;
  }
}
