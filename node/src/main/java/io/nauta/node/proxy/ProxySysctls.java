package io.nauta.node.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel settings the proxy's rules depend on, written under {@code /proc/sys}, which shows the
 * settings of the writer's network namespace (both are per namespace): IPv4 forwarding (DNATed
 * traffic from pods and other nodes is forwarded) and {@code bridge-nf-call-iptables} (traffic
 * between pods on the same bridge, hairpin included, must pass the IPv4 hooks to be DNATed).
 */
public final class ProxySysctls {
  static final List<String> SETTINGS =
      List.of("net/ipv4/ip_forward", "net/bridge/bridge-nf-call-iptables");

  private ProxySysctls() {}

  /**
   * Sets each setting to 1 unless it already is; returns what could not be set and why (empty when
   * all are set). Idempotent.
   *
   * @param procSys normally {@code /proc/sys}
   */
  public static List<String> ensure(Path procSys) {
    List<String> problems = new ArrayList<>();
    for (String setting : SETTINGS) {
      Path file = procSys.resolve(setting);
      try {
        if (!Files.exists(file)) {
          problems.add(
              setting
                  + " does not exist"
                  + (setting.startsWith("net/bridge")
                      ? " (the br_netfilter module is not loaded: pods on one bridge reaching"
                          + " each other's services will fail)"
                      : ""));
          continue;
        }
        if (!Files.readString(file, StandardCharsets.US_ASCII).strip().equals("1")) {
          Files.writeString(file, "1\n", StandardCharsets.US_ASCII);
        }
      } catch (IOException | SecurityException e) {
        problems.add("cannot set " + setting + " to 1: " + e.getMessage());
      }
    }
    return problems;
  }
}
