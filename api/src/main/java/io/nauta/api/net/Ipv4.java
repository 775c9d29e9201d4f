package io.nauta.api.net;

/**
 * Dotted-quad IPv4 addresses as unsigned 32-bit numbers, without name lookups. Like Kubernetes'
 * validation, octets with leading zeros ({@code 010.0.0.1}) are not addresses.
 */
public final class Ipv4 {
  private Ipv4() {}

  /** The address as an unsigned 32-bit number, or -1 when {@code s} is not a dotted quad. */
  public static long parse(String s) {
    if (s == null) {
      return -1;
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
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

  /** Whether {@code s} is a dotted-quad IPv4 address. */
  public static boolean isAddress(String s) {
    return parse(s) >= 0;
  }

  /** The dotted form of an unsigned 32-bit address. */
  public static String format(long ip) {
    return ((ip >> 24) & 255)
        + "."
        + ((ip >> 16) & 255)
        + "."
        + ((ip >> 8) & 255)
        + "."
        + (ip & 255);
  }

  /** The network mask of a prefix length, as an unsigned 32-bit number. */
  public static long mask(int prefixLength) {
    return prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
  }
}
