package io.nauta.cri.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Nauta's images built locally by {@code scripts/build-test-images.sh} (from busybox-static, with
 * umoci and skopeo): the pod sandbox image {@value #SANDBOX} and {@value #BUSYBOX}, a busybox with
 * sh, httpd, wget, nc and sleep whose {@code /www/index.html} says "hello from nauta".
 */
public final class TestImages {
  public static final String SANDBOX = "nauta.local/pause:1";
  public static final String BUSYBOX = "nauta-test/busybox:1";
  private static final String SCRIPT = "scripts/build-test-images.sh";

  private TestImages() {}

  /**
   * Builds the images into {@code outDir}; imports the sandbox image into the containerd at {@code
   * importSocket} and pushes {@value #BUSYBOX} to the registry {@code pushTo} when those are not
   * {@code null}.
   */
  public static void build(Path outDir, Path importSocket, String pushTo) {
    List<String> command = new ArrayList<>(List.of(script().toString(), "-o", outDir.toString()));
    if (importSocket != null) command.addAll(List.of("--import", importSocket.toString()));
    if (pushTo != null) command.addAll(List.of("--push", pushTo));
    try {
      Path log = Files.createTempFile("build-test-images", ".log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean done = p.waitFor(2, TimeUnit.MINUTES);
      String output = Files.readString(log);
      Files.delete(log);
      if (!done || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The script, found from the working directory upwards (a module or the repository root). */
  static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SCRIPT);
      if (Files.isExecutable(candidate)) return candidate;
    }
    throw new IllegalStateException(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
  }

  /** {@value #BUSYBOX} as pulled from {@code registryHostPort}. */
  public static String busyboxAt(String registryHostPort) {
    return registryHostPort + "/" + BUSYBOX;
  }
}
