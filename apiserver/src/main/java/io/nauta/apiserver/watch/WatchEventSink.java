package io.nauta.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a watch's events go; implementations encode and write them to the client. */
public interface WatchEventSink {
  /**
   * Sends one event.
   *
   * @param type ADDED, MODIFIED, DELETED, BOOKMARK or ERROR
   * @param object the object (served version), a bookmark stub, or a Status for ERROR
   */
  void send(String type, ObjectNode object);

  /** Ends the stream; idempotent. */
  void end();

  /** False once the client has gone away. */
  boolean isOpen();
}
