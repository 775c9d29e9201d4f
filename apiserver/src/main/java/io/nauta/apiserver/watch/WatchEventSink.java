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

  /**
   * Sends one event of a store event that other watches may send too: an implementation that writes
   * the same bytes for every such watch shares them through {@code shared}; the default builds the
   * object and sends it.
   *
   * @param event the store event this is
   * @param variant what, besides the event, decides the object (resource version and event type)
   */
  default void send(
      String type,
      java.util.function.Supplier<ObjectNode> object,
      io.nauta.store.Event event,
      String variant,
      SharedEvents shared) {
    send(type, object.get());
  }

  /** Ends the stream; idempotent. */
  void end();

  /** False once the client has gone away. */
  boolean isOpen();
}
