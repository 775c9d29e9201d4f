package io.nauta.node.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The metav1.Status a remote command ends with on its error stream (protocol v4 and later): the
 * runtime writes {@code Success}, or {@code Failure} with reason {@code NonZeroExitCode} and the
 * code as the message of an {@code ExitCode} cause (kubectl exits with it); the agent writes a
 * {@code Failure} with a message when the stream itself broke. Pure.
 */
public final class StreamStatus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamStatus() {}

  /** The stream failed for a reason of its own (kubectl prints the message). */
  public static byte[] failure(String message) {
    ObjectNode s = base();
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", "InternalError");
    s.put("code", 500);
    return bytes(s);
  }

  /** The exit code a Status reports: 0 for Success, the ExitCode cause's, or -1 if none. */
  public static int exitCodeOf(byte[] status) {
    try {
      var s = JSON.readTree(status);
      if ("Success".equals(s.path("status").asText())) {
        return 0;
      }
      for (var cause : s.path("details").path("causes")) {
        if ("ExitCode".equals(cause.path("reason").asText())) {
          return Integer.parseInt(cause.path("message").asText());
        }
      }
      return -1;
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    }
  }

  private static ObjectNode base() {
    ObjectNode s = JSON.createObjectNode();
    s.putObject("metadata");
    return s;
  }

  private static byte[] bytes(ObjectNode s) {
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
