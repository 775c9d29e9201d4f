package io.nauta.controllers.nodeipam;

import java.util.BitSet;
import java.util.Optional;

/**
 * The subnets of one size carved out of an IPv4 cluster CIDR, and which are taken: the range
 * allocator behind {@link NodeIpamController}. Allocation hands out the lowest free subnet after
 * the last one handed out (wrapping), so a subnet just released is not reused at once. Not
 * thread-safe.
 */
public final class CidrSet {
  private final int base;
  private final int clusterBits;
  private final int subnetBits;
  private final int count;
  private final BitSet used;
  private int next;

  /**
   * @param clusterCidr e.g. {@code 10.42.0.0/16}
   * @param subnetBits the prefix length of each node's subnet, e.g. 24
   * @throws IllegalArgumentException if the CIDR is malformed or cannot hold such subnets
   */
  public CidrSet(String clusterCidr, int subnetBits) {
    String[] parts = clusterCidr.split("/", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a CIDR: " + clusterCidr);
    }
    this.clusterBits = prefix(parts[1], clusterCidr);
    int address = address(parts[0], clusterCidr);
    if (subnetBits < clusterBits || subnetBits > 30) {
      throw new IllegalArgumentException(
          "a /" + subnetBits + " per node does not fit in the cluster CIDR " + clusterCidr);
    }
    if (subnetBits - clusterBits > 24) {
      throw new IllegalArgumentException("too many subnets in " + clusterCidr);
    }
    this.base = clusterBits == 0 ? 0 : address & (-1 << (32 - clusterBits));
    this.subnetBits = subnetBits;
    this.count = 1 << (subnetBits - clusterBits);
    this.used = new BitSet(count);
  }

  /** How many subnets the cluster CIDR holds. */
  public int size() {
    return count;
  }

  /** The next free subnet, now taken; empty when all are taken. */
  public Optional<String> allocate() {
    int i = used.nextClearBit(next);
    if (i >= count) {
      i = used.nextClearBit(0);
      if (i >= count) {
        return Optional.empty();
      }
    }
    used.set(i);
    next = (i + 1) % count;
    return Optional.of(cidr(i));
  }

  /**
   * Marks {@code cidr} taken (a node that already has it); false when it is not one of this set's
   * subnets.
   */
  public boolean occupy(String cidr) {
    int i = index(cidr);
    if (i < 0) {
      return false;
    }
    used.set(i);
    return true;
  }

  /** Frees {@code cidr} (its node is gone); subnets not of this set are ignored. */
  public void release(String cidr) {
    int i = index(cidr);
    if (i >= 0) {
      used.clear(i);
    }
  }

  /** Whether {@code cidr} is one of this set's subnets and taken. */
  public boolean taken(String cidr) {
    int i = index(cidr);
    return i >= 0 && used.get(i);
  }

  private String cidr(int i) {
    int a = base + (i << (32 - subnetBits));
    return ((a >>> 24) & 0xff)
        + "."
        + ((a >>> 16) & 0xff)
        + "."
        + ((a >>> 8) & 0xff)
        + "."
        + (a & 0xff)
        + "/"
        + subnetBits;
  }

  private int index(String cidr) {
    String[] parts = cidr == null ? new String[0] : cidr.split("/", 2);
    if (parts.length != 2) {
      return -1;
    }
    int a;
    try {
      if (prefix(parts[1], cidr) != subnetBits) {
        return -1;
      }
      a = address(parts[0], cidr);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    if ((a & ((1 << (32 - subnetBits)) - 1)) != 0) {
      return -1;
    }
    if (clusterBits > 0 && (a & (-1 << (32 - clusterBits))) != base) {
      return -1;
    }
    return (a - base) >>> (32 - subnetBits);
  }

  private static int prefix(String text, String cidr) {
    try {
      int p = Integer.parseInt(text);
      if (p < 0 || p > 32) {
        throw new IllegalArgumentException("not a CIDR: " + cidr);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR: " + cidr, e);
    }
  }

  private static int address(String text, String cidr) {
    long a = io.nauta.api.net.Ipv4.parse(text);
    if (a < 0) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    return (int) a;
  }
}
