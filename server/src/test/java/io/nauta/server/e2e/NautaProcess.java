package io.nauta.server.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nauta server} process started from the built jar on a free loopback port, and the
 * real kubectl pointed at it. Stopped (SIGTERM, then SIGKILL) on {@link #close}.
 */
final class NautaProcess implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();

  private NautaProcess(Path dataDir, int port, Process process) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("nauta.jar", "target/nauta.jar")).toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the jar first: " + jar);
    }
    return jar;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts a server on {@code dataDir} and waits until it prints that it is ready. */
  static NautaProcess start(Path dataDir, int port, String... extra) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("server");
    args.add("--config");
    args.add(dataDir.resolve("no-config.yaml").toString());
    args.add("--data-dir");
    args.add(dataDir.toString());
    args.add("--https-port");
    args.add(Integer.toString(port));
    List<String> more = List.of(extra);
    if (more.stream().noneMatch(a -> a.startsWith("--bind-address"))) {
      args.add("--bind-address");
      args.add("127.0.0.1");
    }
    if (!more.contains("--with-agent")) {
      // most tests need no real node: simulated ones, or `nauta agent` processes they start
      args.add("--disable-agent");
    }
    if (more.stream().noneMatch(a -> a.startsWith("--dns-port") || a.equals("--disable-dns"))) {
      // nor a cluster DNS server, which would take the one default port of every test's server;
      // tests of DNS give it a free --dns-port
      args.add("--disable-dns");
    }
    more.stream().filter(a -> !a.equals("--with-agent")).forEach(args::add);
    return launch(dataDir, port, args, "Nauta is ready");
  }

  /** Starts {@code nauta scheduler} against the server of {@code server}; waits until it runs. */
  static NautaProcess startScheduler(NautaProcess server) throws Exception {
    return launch(
        server.dataDir,
        server.port,
        List.of("scheduler", "--kubeconfig", server.kubeconfig().toString()),
        "Nauta scheduler is running");
  }

  /** Starts {@code nauta controller-manager} against the server of {@code server}. */
  static NautaProcess startControllerManager(NautaProcess server) throws Exception {
    return launch(
        server.dataDir,
        server.port,
        List.of("controller-manager", "--kubeconfig", server.kubeconfig().toString()),
        "Nauta controller manager is running");
  }

  /** Starts {@code nauta agent} for node {@code name} against the server of {@code server}. */
  static NautaProcess startAgent(NautaProcess server, String name, Path dataDir, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "agent",
                "--kubeconfig",
                server.kubeconfig().toString(),
                "--node-name",
                name,
                "--node-ip",
                "127.0.0.1",
                "--data-dir",
                dataDir.toString()));
    List<String> more = List.of(extra);
    if (!more.contains("--keep-pods-on-exit")) {
      // a test leaves no containers behind unless it tests adoption
      args.add("--stop-pods-on-exit");
    }
    more.stream().filter(a -> !a.equals("--keep-pods-on-exit")).forEach(args::add);
    if (args.stream().noneMatch(a -> a.startsWith("--agent-port"))) {
      // agents of concurrent tests must not all take the kubelet port
      args.add("--agent-port=" + freePort());
    }
    return launch(server.dataDir, server.port, args, "Nauta node agent is running");
  }

  static NautaProcess launch(Path dataDir, int port, List<String> args, String ready)
      throws Exception {
    return launchIn(null, dataDir, port, args, ready);
  }

  /**
   * As {@link #launch}, in the network namespace {@code netns} (from {@code ip netns add}) when not
   * null. Only the network namespace changes (nsenter, not {@code ip netns exec}, which would also
   * remount /sys and hide the cgroup hierarchies containers need).
   */
  static NautaProcess launchIn(
      String netns, Path dataDir, int port, List<String> args, String ready) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (netns != null) {
      cmd.addAll(List.of("nsenter", "--net=/run/netns/" + netns, "--"));
    }
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx512m");
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    NautaProcess np = new NautaProcess(dataDir, port, p);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  np.output.add(line);
                }
              } catch (IOException e) {
                // process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (np.output.stream().noneMatch(l -> l.contains(ready))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("server did not start:\n" + String.join("\n", np.output));
      }
      Thread.sleep(50);
    }
    return np;
  }

  Path kubeconfig() {
    return dataDir.resolve("kubeconfig.yaml");
  }

  List<String> output() {
    return output;
  }

  int port() {
    return port;
  }

  /** Runs kubectl with this server's kubeconfig; returns exit code and combined output. */
  Kubectl.Result kubectl(String... args) throws Exception {
    return Kubectl.run(kubeconfig(), null, args);
  }

  Kubectl.Result kubectlWithInput(String stdin, String... args) throws Exception {
    return Kubectl.run(kubeconfig(), stdin, args);
  }

  /** Sends SIGKILL and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Sends SIGTERM and waits for a clean exit. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
