package io.nauta.node.network;

import io.nauta.node.proxy.Nft;

/**
 * Pods reach the outside through masquerading: traffic from this node's pod CIDR to anything
 * outside the cluster CIDR (and outside the node's own pod CIDR) leaves with the node's address.
 * Traffic between pods, on this node or others, keeps its source. The rules live in their own
 * nftables table per node ({@link #table}), replaced in one transaction and deleted on close.
 */
public final class PodMasquerade {
  public static final String TABLE = "nauta-pods";

  private static final Nft NFT = new Nft();

  private PodMasquerade() {}

  /**
   * The table of node {@code nodeName}: {@value #TABLE} followed by the name, so that several
   * agents sharing a network namespace (tests) keep their own.
   */
  static String table(String nodeName) {
    String safe = nodeName.replaceAll("[^A-Za-z0-9_]", "_");
    return TABLE + "-" + (safe.length() > 40 ? safe.substring(0, 40) : safe);
  }

  /** The nft script that replaces the table atomically. Pure. */
  static String script(String table, String podCidr, String clusterCidr) {
    StringBuilder s = new StringBuilder();
    s.append("table ip ").append(table).append('\n');
    s.append("delete table ip ").append(table).append('\n');
    s.append("table ip ").append(table).append(" {\n");
    s.append("  chain postrouting {\n");
    s.append("    type nat hook postrouting priority srcnat + 10; policy accept;\n");
    s.append("    ip saddr ")
        .append(podCidr)
        .append(" ip daddr != ")
        .append(podCidr)
        .append(clusterCidr == null ? "" : " ip daddr != " + clusterCidr)
        .append(" masquerade\n");
    s.append("  }\n");
    s.append("}\n");
    return s.toString();
  }

  /** Replaces the table in one transaction (the service proxy's nft runner). */
  static void apply(String table, String podCidr, String clusterCidr) {
    NFT.apply(script(table, podCidr, clusterCidr));
  }

  static void remove(String table) {
    try {
      NFT.apply("table ip " + table + "\ndelete table ip " + table + "\n");
    } catch (Nft.NftException e) {
      // nft missing or nothing to delete
    }
  }
}
