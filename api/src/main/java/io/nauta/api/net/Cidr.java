package io.nauta.api.net;

/**
 * An IPv4 CIDR such as {@code 10.42.0.0/16}.
 *
 * @param address the address as written, as an unsigned 32-bit number (host bits may be set)
 * @param prefixLength 0 to 32
 */
public record Cidr(long address, int prefixLength) {
  public Cidr {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("a prefix length is 0 to 32, not " + prefixLength);
    }
  }

  /**
   * Parses {@code a.b.c.d/n}.
   *
   * @throws IllegalArgumentException for anything else (IPv6 included)
   */
  public static Cidr parse(String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR (want a.b.c.d/n): " + cidr);
    }
    long ip = Ipv4.parse(cidr.substring(0, slash));
    if (ip < 0) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    String bits = cidr.substring(slash + 1);
    if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a CIDR prefix length: " + cidr);
    }
    int prefix = Integer.parseInt(bits);
    if (prefix > 32) {
      throw new IllegalArgumentException("not a CIDR prefix length: " + cidr);
    }
    return new Cidr(ip, prefix);
  }

  /** The network address (host bits cleared). */
  public long network() {
    return address & Ipv4.mask(prefixLength);
  }

  /** Whether the unsigned 32-bit address {@code ip} lies in this CIDR. */
  public boolean contains(long ip) {
    return ip >= 0 && (ip & Ipv4.mask(prefixLength)) == network();
  }

  /** {@code a.b.c.d/n} with the host bits cleared. */
  @Override
  public String toString() {
    return Ipv4.format(network()) + "/" + prefixLength;
  }
}
