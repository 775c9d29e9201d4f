package io.nauta.node.proxy;

/** Dotted-quad IPv4 addresses and CIDRs: parsing and membership, without name lookups. */
final class Ipv4 {
  private Ipv4() {}

  /** Whether {@code s} is a dotted-quad IPv4 address. */
  static boolean isAddress(String s) {
    return s != null && toLong(s) >= 0;
  }

  /** The address as an unsigned 32-bit number, or -1 when {@code s} is not a dotted quad. */
  static long toLong(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return -1;
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  /**
   * Checks a CIDR such as {@code 10.42.0.0/16}.
   *
   * @throws IllegalArgumentException when it is not an IPv4 CIDR
   */
  static String cidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0 || !isAddress(cidr.substring(0, slash))) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    try {
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      if (bits < 0 || bits > 32) {
        throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr, e);
    }
    return cidr;
  }
}
