package io.nauta.apiserver.http;

import java.util.Map;

/**
 * Sends the answer to one request: one complete response, a stream, or a proxied answer.
 * Thread-safe; exactly one of {@link #send}, {@link #stream} or {@link #proxy} may be called once
 * per request.
 */
public interface Responder {
  /** Sends a complete response. */
  default void send(int status, String contentType, byte[] body) {
    send(status, contentType, body, Map.of());
  }

  /**
   * Sends a complete response with extra {@code headers} (e.g. ETag); a header given here replaces
   * the responder's own (Cache-Control defaults to {@code no-cache, private}).
   */
  void send(int status, String contentType, byte[] body, Map<String, String> headers);

  /** Starts a streamed (chunked) 200 response; each {@link Stream#write} is flushed at once. */
  Stream stream(String contentType);

  /**
   * Answers by forwarding the request to {@code upstream} (a node agent) and relaying its answer:
   * status, content type and body as they stream in; or, when it switches protocols (101, for
   * WebSocket and SPDY upgrades over HTTP/1.1), the 101 and then raw bytes both ways until either
   * side closes. An unreachable upstream is answered with a 503 Status.
   */
  void proxy(Upstream upstream);

  /** A streamed response body. */
  interface Stream {
    /** Writes and flushes one chunk; a no-op after the peer went away. */
    void write(byte[] chunk);

    /** Ends the response; idempotent. */
    void end();

    /** Runs {@code action} once when the client disconnects or the stream ends, whichever first. */
    void onClose(Runnable action);

    /** True while the peer is connected and the stream not ended. */
    boolean isOpen();
  }
}
