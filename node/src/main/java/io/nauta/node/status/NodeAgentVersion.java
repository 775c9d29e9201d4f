package io.nauta.node.status;

/** How the agent identifies itself in node info, and where its own API listens. */
public final class NodeAgentVersion {
  /** The Kubernetes version whose kubelet behaviour the agent follows, with Nauta's suffix. */
  public static final String VERSION = "v1.32.0-nauta";

  /** The agent's HTTPS port (a kubelet's 10250). */
  public static final int AGENT_PORT = 10250;

  private NodeAgentVersion() {}
}
