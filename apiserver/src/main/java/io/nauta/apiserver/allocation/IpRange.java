package io.nauta.apiserver.allocation;

/**
 * The usable addresses of an IPv4 CIDR: every address but the network and broadcast ones. Offset 0
 * is the network address plus one (e.g. {@code 10.43.0.1} of {@code 10.43.0.0/16}).
 *
 * @param network the network address as an unsigned 32-bit number
 * @param prefixLength the prefix length, 12 to 30
 */
public record IpRange(long network, int prefixLength) implements AllocationRange {
  /** Like Kubernetes: ranges larger than a /12 would make allocation bookkeeping too large. */
  public static final int MIN_PREFIX = 12;

  public IpRange {
    if (prefixLength < MIN_PREFIX || prefixLength > 30) {
      throw new IllegalArgumentException(
          "the service CIDR's prefix length must be between /"
              + MIN_PREFIX
              + " and /30, not /"
              + prefixLength);
    }
    network = network & mask(prefixLength);
  }

  /**
   * Parses {@code a.b.c.d/n}; host bits are cleared.
   *
   * @throws IllegalArgumentException for anything else (IPv6 included: IPv4 only for now)
   */
  public static IpRange parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR (want a.b.c.d/n): " + cidr);
    }
    long ip = parseIp(cidr.substring(0, slash));
    if (ip < 0) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR prefix length: " + cidr);
    }
    return new IpRange(ip, prefix);
  }

  /** The IPv4 address {@code s} as an unsigned number, or -1 when it is not one. */
  public static long parseIp(String s) {
    return io.nauta.api.net.Ipv4.parse(s);
  }

  /** The dotted form of an unsigned 32-bit address. */
  public static String format(long ip) {
    return io.nauta.api.net.Ipv4.format(ip);
  }

  private static long mask(int prefix) {
    return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  @Override
  public int size() {
    return (int) ((1L << (32 - prefixLength)) - 2);
  }

  @Override
  public String valueAt(int offset) {
    if (offset < 0 || offset >= size()) {
      throw new IndexOutOfBoundsException(offset);
    }
    return format(network + 1 + offset);
  }

  @Override
  public int offsetOf(String value) {
    long ip = parseIp(value);
    if (ip < 0) {
      return -1;
    }
    long offset = ip - network - 1;
    return offset >= 0 && offset < size() ? (int) offset : -1;
  }

  /** Kubernetes' split: min(max(16, addresses/16), 256), none for ranges of 16 or fewer. */
  @Override
  public int staticBandSize() {
    long addresses = 1L << (32 - prefixLength);
    if (addresses <= 16) {
      return 0;
    }
    return (int) Math.min(Math.max(16, addresses / 16), 256);
  }

  @Override
  public String describe() {
    return format(network) + "/" + prefixLength;
  }
}
