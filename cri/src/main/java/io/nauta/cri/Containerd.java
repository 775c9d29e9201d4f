package io.nauta.cri;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A containerd to run pods on: either one we start and supervise as a child process with our own
 * configuration ({@link #start}), or an existing one reached through its socket ({@link
 * #existing}).
 *
 * <p>{@link #start} returns only once the socket answers Version. {@link #close()} stops what we
 * started: SIGTERM to containerd, then SIGKILL after a grace period, then the shims (and their
 * containers) serving our socket, which outlive containerd by design; for an existing containerd it
 * only closes the client. {@link #detach()} stops containerd but leaves the containers running for
 * the next start to find. Not thread-safe for lifecycle calls; {@link #client()} is.
 */
public final class Containerd implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Containerd.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Optional<ContainerdConfig> config;
  private final Optional<Process> process;
  private final CriClient client;

  private Containerd(
      Optional<ContainerdConfig> config, Optional<Process> process, CriClient client) {
    this.config = config;
    this.process = process;
    this.client = client;
  }

  /**
   * Writes containerd's files for {@code config}, starts {@code containerd --config ...} (output to
   * {@link ContainerdConfig#logFile()}) and waits until its socket answers Version.
   *
   * @throws CriException (UNAVAILABLE) when it exits or does not answer within the start timeout;
   *     the process is killed and the message carries the end of its log
   */
  public static Containerd start(ContainerdConfig config) {
    stopLeftover(config);
    ContainerdFiles.write(config);
    try {
      Files.deleteIfExists(config.socket());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(config.binary().toString(), "--config", config.configFile().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()));
    // shims look runc up on PATH and the CNI plugins need iptables: make sure sbin is there
    String path = builder.environment().getOrDefault("PATH", "");
    builder
        .environment()
        .put("PATH", path + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + config.binary(), e);
    }
    var containerd =
        new Containerd(
            Optional.of(config), Optional.of(process), CriClient.connect(config.socket()));
    try {
      containerd.awaitReady(config.startTimeout());
    } catch (RuntimeException e) {
      containerd.close();
      throw e;
    }
    try {
      Files.createDirectories(config.state());
      Files.writeString(pidFile(config), Long.toString(process.pid()));
    } catch (IOException e) {
      LOG.warn("cannot record containerd's pid: {}", e.getMessage());
    }
    LOG.info("containerd pid {} serving {}", process.pid(), config.socket());
    return containerd;
  }

  /** Uses the containerd (or other CRI runtime) already serving {@code socket}; starts nothing. */
  public static Containerd existing(Path socket) {
    return new Containerd(Optional.empty(), Optional.empty(), CriClient.connect(socket));
  }

  /** The client on this containerd's socket; shared, thread-safe, closed by {@link #close()}. */
  public CriClient client() {
    return client;
  }

  public Path socket() {
    return client.socket();
  }

  /** The configuration we started containerd with; empty for an existing containerd. */
  public Optional<ContainerdConfig> config() {
    return config;
  }

  /** containerd's process id when we started it. */
  public OptionalLong pid() {
    return process.map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Process p = process.orElseThrow();
    ContainerdConfig c = config.orElseThrow();
    CriException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new CriException(
            io.grpc.Status.Code.UNAVAILABLE,
            "Start",
            c.socket().toString(),
            "containerd exited with " + p.exitValue() + "; log:\n" + logTail(c));
      }
      if (Files.exists(c.socket())) {
        try {
          client.version(Duration.ofSeconds(1));
          return;
        } catch (CriException e) {
          last = e;
        }
      }
      pause();
    }
    throw new CriException(
        io.grpc.Status.Code.UNAVAILABLE,
        "Start",
        c.socket().toString(),
        "no answer within " + timeout + "; log:\n" + logTail(c),
        last);
  }

  /**
   * Stops what {@link #start} started (see the class comment) and closes the client. Idempotent.
   */
  @Override
  public void close() {
    stop(true);
  }

  /**
   * Stops containerd but leaves the shims and so the containers running, for a containerd started
   * later on the same configuration to find again (an agent restart adopts its pods). Closes the
   * client. For an existing containerd, only closes the client.
   */
  public void detach() {
    stop(false);
  }

  private void stop(boolean containersToo) {
    client.close();
    if (process.isEmpty()) return;
    Process p = process.get();
    p.destroy();
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(pidFile(config.orElseThrow()));
    } catch (IOException e) {
      LOG.debug("pid file not removed: {}", e.getMessage());
    }
    if (containersToo) {
      killShims(config.orElseThrow().socket());
    }
  }

  private static Path pidFile(ContainerdConfig config) {
    return config.state().resolve("nauta-containerd.pid");
  }

  /**
   * A containerd we started earlier on this configuration that outlived us (our process was
   * killed): stopped, so that the new one can open the same root. Its shims keep running.
   */
  private static void stopLeftover(ContainerdConfig config) {
    Path pidFile = pidFile(config);
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      Optional<ProcessHandle> old = ProcessHandle.of(pid);
      if (old.isPresent()
          && old.get().info().command().map(c -> c.endsWith("containerd")).orElse(false)) {
        LOG.info("stopping containerd pid {} left from an earlier run", pid);
        old.get().destroy();
        old.get()
            .onExit()
            .orTimeout(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)
            .exceptionally(
                t -> {
                  old.get().destroyForcibly();
                  return old.get();
                })
            .join();
      }
      Files.deleteIfExists(pidFile);
    } catch (IOException | NumberFormatException e) {
      LOG.debug("no leftover containerd: {}", e.getMessage());
    }
  }

  /**
   * Kills the runc shims started for our socket (their command line names it with {@code -address})
   * and the containers below them; other containerds' shims are untouched.
   */
  private static void killShims(Path socket) {
    String address = socket.toString();
    List<ProcessHandle> shims =
        ProcessHandle.allProcesses()
            .filter(
                h ->
                    h.info()
                        .command()
                        .map(c -> c.endsWith("containerd-shim-runc-v2"))
                        .orElse(false))
            .filter(h -> h.info().arguments().map(a -> List.of(a).contains(address)).orElse(false))
            .toList();
    for (ProcessHandle shim : shims) {
      shim.descendants().forEach(ProcessHandle::destroyForcibly);
      shim.destroyForcibly();
      shim.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> shim).join();
    }
  }

  private static String logTail(ContainerdConfig c) {
    try {
      List<String> lines = Files.readAllLines(c.logFile());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CriException(io.grpc.Status.Code.CANCELLED, "Start", "", "interrupted");
    }
  }
}
