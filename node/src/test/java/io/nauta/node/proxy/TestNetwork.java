package io.nauta.node.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node and its neighbours as network namespaces (names start with {@code npx-}): the node {@code
 * npx-node} with a bridge {@code npxbr0} (10.42.1.1/24, hairpin on every port) for pod namespaces,
 * and an outside machine {@code npx-ext} (192.168.77.2) on a link to the node (192.168.77.1, also
 * the node's default route). Endpoints run busybox httpd on port 8080, answering {@code /} with
 * their name and {@code /cgi-bin/ip} with the client address they see. {@link #close} removes
 * everything it made, also after a failure.
 */
final class TestNetwork implements AutoCloseable {
  static final String NODE = "npx-node";
  static final String EXT = "npx-ext";
  static final String NODE_IP = "192.168.77.1";
  static final String EXT_IP = "192.168.77.2";
  static final String BRIDGE_IP = "10.42.1.1";

  private final Path dir;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> servers = new ArrayList<>();

  TestNetwork(Path dir) throws Exception {
    this.dir = dir;
    try {
      namespace(NODE);
      sh(NODE, "ip link set lo up");
      sh(NODE, "ip link add npxbr0 type bridge && ip addr add " + BRIDGE_IP + "/24 dev npxbr0");
      sh(NODE, "ip link set npxbr0 up");
      namespace(EXT);
      run(
          "ip",
          "-n",
          NODE,
          "link",
          "add",
          "npxv-ext",
          "type",
          "veth",
          "peer",
          "name",
          "eth0",
          "netns",
          EXT);
      sh(NODE, "ip addr add " + NODE_IP + "/24 dev npxv-ext && ip link set npxv-ext up");
      sh(NODE, "ip route add default via " + EXT_IP);
      sh(EXT, "ip link set lo up && ip addr add " + EXT_IP + "/24 dev eth0 && ip link set eth0 up");
      sh(NODE, "echo 1 > /proc/sys/net/ipv4/ip_forward");
      sh(NODE, "echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables");
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** Adds a pod namespace {@code npx-NAME} at {@code ip} on the node's bridge. */
  void pod(String name, String ip) throws Exception {
    String ns = "npx-" + name;
    namespace(ns);
    String veth = "npxv-" + name;
    run("ip", "-n", NODE, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
    sh(NODE, "ip link set " + veth + " master npxbr0 && ip link set " + veth + " up");
    // a pod reaching itself through a service leaves and re-enters by the same bridge port
    sh(NODE, "ip link set " + veth + " type bridge_slave hairpin on");
    sh(ns, "ip link set lo up && ip addr add " + ip + "/24 dev eth0 && ip link set eth0 up");
    sh(ns, "ip route add default via " + BRIDGE_IP);
  }

  /** Adds a pod that serves HTTP on 8080 with its name as the page. */
  void endpoint(String name, String ip) throws Exception {
    pod(name, ip);
    Path root = dir.resolve(name);
    Files.createDirectories(root.resolve("cgi-bin"));
    Files.writeString(root.resolve("index.html"), name + "\n");
    Path cgi = root.resolve("cgi-bin/ip");
    Files.writeString(
        cgi,
        "#!/bin/sh\necho 'Content-Type: text/plain'\necho\n"
            // httpd listens on IPv6 too and writes IPv4 clients as [::ffff:a.b.c.d]
            + "echo \"$REMOTE_ADDR\" | sed -e 's/^\\[::ffff://' -e 's/\\]$//'\n");
    Files.setPosixFilePermissions(cgi, PosixFilePermissions.fromString("rwxr-xr-x"));
    servers.add(
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                "npx-" + name,
                "/bin/busybox",
                "httpd",
                "-f",
                "-p",
                "8080",
                "-h",
                root.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start());
  }

  /**
   * {@code wget} of {@code url} from namespace {@code ns}: the body, trimmed, or {@code "error:
   * ..."} with wget's message.
   */
  String get(String ns, String url) throws Exception {
    Path out = Files.createTempFile(dir, "wget", ".out");
    try {
      Process p =
          new ProcessBuilder(
                  "ip", "netns", "exec", ns, "/bin/busybox", "wget", "-q", "-O", "-", url)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(3, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return "error: timeout";
      }
      String body = Files.readString(out).strip();
      return p.exitValue() == 0 ? body : "error: (" + p.exitValue() + ") " + body;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Runs {@code command} with {@code sh -c} in namespace {@code ns}; fails on an error. */
  String sh(String ns, String command) throws Exception {
    return run("ip", "netns", "exec", ns, "sh", "-c", command);
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  private void namespace(String ns) throws Exception {
    // a namespace left by a crashed run goes first
    new ProcessBuilder("ip", "netns", "del", ns).start().waitFor();
    run("ip", "netns", "add", ns);
    namespaces.add(ns);
  }

  @Override
  public void close() {
    for (Process p : servers) {
      p.destroy();
    }
    for (Process p : servers) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // deleting a namespace deletes its veth ends, bridge and nft tables with it
    for (String ns : namespaces.reversed()) {
      try {
        new ProcessBuilder("ip", "netns", "del", ns).start().waitFor();
      } catch (IOException e) {
        // nothing more to do
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
