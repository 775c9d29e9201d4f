package io.nauta.dns.records;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The dashed form of an IP used as a DNS label ({@code 10-42-0-5} for 10.42.0.5, {@code fd00--5}
 * for fd00::5), both ways. Parsing accepts only literal addresses: it never resolves a name.
 */
public final class DashedIps {
  private DashedIps() {}

  /** The label of {@code ip}. */
  public static String format(InetAddress ip) {
    if (ip instanceof Inet4Address) {
      return ip.getHostAddress().replace('.', '-');
    }
    return compressed((Inet6Address) ip).replace(':', '-');
  }

  /** The IP a dashed label names, or empty when it names none. */
  public static Optional<InetAddress> parse(String label) {
    String[] parts = label.split("-", -1);
    try {
      if (parts.length == 4) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          if (parts[i].isEmpty() || parts[i].length() > 3 || !digits(parts[i])) {
            return Optional.empty();
          }
          int v = Integer.parseInt(parts[i]);
          if (v > 255) {
            return Optional.empty();
          }
          b[i] = (byte) v;
        }
        return Optional.of(InetAddress.getByAddress(b));
      }
      if (parts.length >= 3 && parts.length <= 9 && label.chars().allMatch(DashedIps::hexOrDash)) {
        byte[] b =
            org.xbill.DNS.Address.toByteArray(label.replace('-', ':'), org.xbill.DNS.Address.IPv6);
        return b == null ? Optional.empty() : Optional.of(InetAddress.getByAddress(b));
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean digits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean hexOrDash(int c) {
    return c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** RFC 5952 text of an IPv6 address: lower-case, the longest run of zero groups as "::". */
  static String compressed(Inet6Address ip) {
    byte[] b = ip.getAddress();
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
