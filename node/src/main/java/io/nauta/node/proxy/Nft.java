package io.nauta.node.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nft -f} with a script on its standard input: one transaction, in the network
 * namespace of the {@code nft} process (the agent's own, unless the command says otherwise, e.g.
 * {@code ip netns exec NS nft} in tests). Thread-safe; each call is its own process.
 */
public class Nft {
  /** How long one transaction may take before it counts as failed. */
  private static final long TIMEOUT_SECONDS = 60;

  private final List<String> command;

  /** The {@code nft} on the PATH, in this process's network namespace. */
  public Nft() {
    this(List.of("nft"));
  }

  /**
   * @param command how to run nft, e.g. {@code [ip, netns, exec, ns1, nft]}
   */
  public Nft(List<String> command) {
    this.command = List.copyOf(command);
  }

  /**
   * Applies {@code script} as one transaction.
   *
   * @throws NftException when nft fails (the kernel then holds what it held before) or cannot run
   */
  public void apply(String script) {
    List<String> cmd = new ArrayList<>(command);
    cmd.add("-f");
    cmd.add("-");
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new NftException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // nft exited early; its output says why
    }
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new NftException("nft did not finish within " + TIMEOUT_SECONDS + " s", null);
      }
      if (p.exitValue() != 0) {
        String out = output.join().strip();
        if (out.length() > 2000) {
          out = out.substring(0, 2000) + "...";
        }
        throw new NftException("nft failed: " + out, null);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new NftException("interrupted while nft ran", e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** nft failed or could not run; the message carries its output. */
  public static final class NftException extends RuntimeException {
    NftException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
