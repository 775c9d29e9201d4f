package io.nauta.node.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code conntrack -D} (Debian's {@code conntrack} package) in the network namespace of the
 * process, or through a command prefix such as {@code ip netns exec NS}. Thread-safe.
 */
public class Conntrack {
  /** Deletes nothing: for tests and for machines without the tool. */
  public static final Conntrack NONE =
      new Conntrack(List.of()) {
        @Override
        public boolean delete(List<String> args) {
          return true;
        }
      };

  private final List<String> command;

  /** The {@code conntrack} on the PATH. */
  public Conntrack() {
    this(List.of("conntrack"));
  }

  /**
   * @param command how to run conntrack, e.g. {@code [ip, netns, exec, ns1, conntrack]}
   */
  public Conntrack(List<String> command) {
    this.command = List.copyOf(command);
  }

  /**
   * Deletes the entries {@code args} select ({@code -D ...}); finding none is no failure.
   *
   * @return false when conntrack is not installed
   * @throws IllegalStateException with conntrack's output when it ran and failed
   */
  public boolean delete(List<String> args) {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("conntrack did not finish within 10 s");
      }
      // exit 1 with "0 flow entries have been deleted" when nothing matched
      if (p.exitValue() != 0 && !out.contains("0 flow entries")) {
        throw new IllegalStateException("conntrack " + String.join(" ", args) + ": " + out.strip());
      }
      return true;
    } catch (IOException e) {
      return false; // not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
