package io.nauta.apiserver.resources.core;

import java.util.regex.Pattern;

/** Syntax checks for IPv4 and IPv6 addresses in API fields, without name resolution. */
public final class IpAddresses {
  private static final Pattern V4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern V6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  private IpAddresses() {}

  /** True for a textual IPv4 or IPv6 address (no zone, no prefix length). */
  public static boolean isIp(String s) {
    if (V4.matcher(s).matches()) {
      return true;
    }
    if (!s.contains(":") || !V6_CHARS.matcher(s).matches()) {
      return false;
    }
    try {
      // only hex digits, ':' and '.' reach here, so this parses a literal and never resolves
      return java.net.InetAddress.getByName(s) != null;
    } catch (java.net.UnknownHostException | RuntimeException e) {
      return false;
    }
  }
}
