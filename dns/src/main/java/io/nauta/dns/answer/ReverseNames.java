package io.nauta.dns.answer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The address a reverse-lookup name stands for: {@code 4.3.2.1.in-addr.arpa.} is 1.2.3.4, and 32
 * nibble labels under {@code ip6.arpa.} an IPv6 address. Anything else (a partial name, a label
 * that is not a number) names no address.
 */
final class ReverseNames {
  private static final Name IN_ADDR = Name.fromConstantString("in-addr.arpa.");
  private static final Name IP6 = Name.fromConstantString("ip6.arpa.");

  private ReverseNames() {}

  static Optional<InetAddress> parse(Name name) {
    try {
      if (name.subdomain(IN_ADDR) && name.labels() == IN_ADDR.labels() + 4) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          String l = name.getLabelString(i);
          if (l.isEmpty() || l.length() > 3 || !l.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
          }
          int v = Integer.parseInt(l);
          if (v > 255) {
            return Optional.empty();
          }
          b[3 - i] = (byte) v;
        }
        return Optional.of(InetAddress.getByAddress(b));
      }
      if (name.subdomain(IP6) && name.labels() == IP6.labels() + 32) {
        byte[] b = new byte[16];
        for (int i = 0; i < 32; i++) {
          String l = name.getLabelString(i).toLowerCase(Locale.ROOT);
          int v = l.length() == 1 ? Character.digit(l.charAt(0), 16) : -1;
          if (v < 0) {
            return Optional.empty();
          }
          int nibble = 31 - i;
          b[nibble / 2] |= (byte) (nibble % 2 == 0 ? v << 4 : v);
        }
        return Optional.of(InetAddress.getByAddress(b));
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
