package io.nauta.node.server;

/** Answers one request to the agent's API; called on its own virtual thread. */
@FunctionalInterface
public interface AgentHandler {
  /**
   * Answers {@code request} exactly once (a response, a stream, or a protocol switch). An exception
   * is answered with a 500 Status if nothing was sent yet.
   */
  void handle(AgentRequest request) throws Exception;
}
