package io.nauta.apiserver.http;

/** Application logic behind the HTTP layer; called on a virtual thread, may block. */
@FunctionalInterface
public interface RequestHandler {
  /**
   * Handles one request. Must eventually call exactly one of the responder's methods; an exception
   * thrown here is answered as a 500 Status by the caller.
   */
  void handle(HttpRequestData request, Responder responder) throws Exception;
}
