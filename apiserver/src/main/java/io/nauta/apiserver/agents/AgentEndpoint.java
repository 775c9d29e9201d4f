package io.nauta.apiserver.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A node agent's HTTPS endpoint as its Node publishes it: the first InternalIP of {@code
 * status.addresses} and {@code status.daemonEndpoints.kubeletEndpoint.Port} (10250, the kubelet's
 * port, when it names none).
 *
 * @param address the IP address, without brackets
 * @param port the agent's port
 */
public record AgentEndpoint(String address, int port) {

  /** The kubelet's port, used when a Node names none. */
  public static final int DEFAULT_PORT = 10250;

  /** The endpoint {@code node} publishes, or empty when it has no InternalIP. */
  public static Optional<AgentEndpoint> of(JsonNode node) {
    for (JsonNode a : node.path("status").path("addresses")) {
      if ("InternalIP".equals(a.path("type").asText())) {
        String address = a.path("address").asText();
        if (address.isEmpty()) {
          break;
        }
        int port =
            node.path("status")
                .path("daemonEndpoints")
                .path("kubeletEndpoint")
                .path("Port")
                .asInt(0);
        return Optional.of(new AgentEndpoint(address, port > 0 ? port : DEFAULT_PORT));
      }
    }
    return Optional.empty();
  }

  /** {@code https://ADDRESS:PORT} followed by {@code path} (IPv6 addresses in brackets). */
  public String url(String path) {
    String host = address.contains(":") ? "[" + address + "]" : address;
    return "https://" + host + ":" + port + path;
  }
}
