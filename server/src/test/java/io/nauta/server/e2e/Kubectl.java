package io.nauta.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl binary. */
final class Kubectl {
  private Kubectl() {}

  /** Exit code, stdout and stderr of one kubectl run. */
  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static String binary() {
    return System.getProperty("kubectl", "/usr/bin/kubectl");
  }

  static Result run(Path kubeconfig, String stdin, String... args) throws Exception {
    return run(kubeconfig, stdin, java.util.Map.of(), args);
  }

  static Result runWithEnv(Path kubeconfig, java.util.Map<String, String> env, String... args)
      throws Exception {
    return run(kubeconfig, null, env, args);
  }

  static Result run(
      Path kubeconfig, String stdin, java.util.Map<String, String> env, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary());
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", kubeconfig.getParent().toString());
    pb.environment().putAll(env);
    pb.environment().remove("KUBECONFIG");
    Process p = pb.start();
    if (stdin != null) {
      try (OutputStream os = p.getOutputStream()) {
        os.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      p.getOutputStream().close();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread t1 = pump(p.getInputStream(), out);
    Thread t2 = pump(p.getErrorStream(), err);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " hung");
    }
    t1.join();
    t2.join();
    return new Result(
        p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Starts kubectl without waiting (e.g. {@code get -w}); the caller destroys it. */
  static Process startBackground(Path kubeconfig, Path outFile, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary());
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outFile.toFile());
    pb.environment().put("HOME", kubeconfig.getParent().toString());
    return pb.start();
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t =
        new Thread(
            () -> {
              try {
                in.transferTo(sink);
              } catch (IOException e) {
                // stream closed
              }
            });
    t.start();
    return t;
  }
}
