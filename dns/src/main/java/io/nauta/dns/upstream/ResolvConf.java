package io.nauta.dns.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nameservers of a resolv.conf, and upstream addresses written {@code host[:port]} or {@code
 * [v6]:port}. A resolv.conf without nameservers means the local resolver on port 53, as in the C
 * library. Pure parsing: no name is looked up.
 */
public final class ResolvConf {
  /** Where the machine's resolvers are configured. */
  public static final Path DEFAULT = Path.of("/etc/resolv.conf");

  private static final int MAX_NAMESERVERS = 3;

  private ResolvConf() {}

  /** The nameservers {@code file} lists; the local resolver when it lists none or is missing. */
  public static List<InetSocketAddress> read(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (NoSuchFileException e) {
      return parse("");
    }
  }

  /** The nameservers of resolv.conf text, at most three, in order. */
  public static List<InetSocketAddress> parse(String text) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[0].equals("nameserver") && out.size() < MAX_NAMESERVERS) {
        String host = f[1];
        int scope = host.indexOf('%');
        if (scope >= 0) {
          host = host.substring(0, scope);
        }
        literal(host).ifPresent(ip -> out.add(new InetSocketAddress(ip, 53)));
      }
    }
    if (out.isEmpty()) {
      out.add(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 53));
    }
    return List.copyOf(out);
  }

  /** An upstream written {@code 1.2.3.4}, {@code 1.2.3.4:5353}, {@code ::1} or {@code [::1]:53}. */
  public static InetSocketAddress upstream(String text) {
    String host = text.trim();
    int port = 53;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("not an address: " + text);
      }
      if (host.length() > end + 1) {
        if (host.charAt(end + 1) != ':') {
          throw new IllegalArgumentException("not an address: " + text);
        }
        port = port(host.substring(end + 2), text);
      }
      host = host.substring(1, end);
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      port = port(host.substring(host.indexOf(':') + 1), text);
      host = host.substring(0, host.indexOf(':'));
    }
    return new InetSocketAddress(
        literal(host).orElseThrow(() -> new IllegalArgumentException("not an address: " + text)),
        port);
  }

  private static int port(String s, String text) {
    try {
      int p = Integer.parseInt(s);
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("port out of range: " + text);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port: " + text, e);
    }
  }

  private static Optional<java.net.InetAddress> literal(String host) {
    int family = host.contains(":") ? org.xbill.DNS.Address.IPv6 : org.xbill.DNS.Address.IPv4;
    byte[] b = org.xbill.DNS.Address.toByteArray(host, family);
    try {
      return b == null ? Optional.empty() : Optional.of(java.net.InetAddress.getByAddress(b));
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }
}
