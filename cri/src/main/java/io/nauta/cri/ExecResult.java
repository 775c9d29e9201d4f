package io.nauta.cri;

import java.nio.charset.StandardCharsets;

/**
 * What a synchronous exec produced: the command's exit code and its captured output.
 *
 * @param exitCode the command's exit code (0 = success)
 * @param stdout everything the command wrote to standard output
 * @param stderr everything the command wrote to standard error
 */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {

  /** Standard output decoded as UTF-8. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Standard error decoded as UTF-8. */
  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
