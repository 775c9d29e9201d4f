package io.nauta.dns.answer;

import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/**
 * The cluster domain this server is authoritative for ({@code cluster.local.}), the TTL of its
 * records, and its SOA (whose minimum is the negative-caching TTL of NXDOMAIN and empty answers).
 */
public record Zone(Name origin, long ttl) {
  /** Records live this long by default: endpoints change, and clients should see that soon. */
  public static final long DEFAULT_TTL = 5;

  public Zone {
    if (!origin.isAbsolute()) {
      throw new IllegalArgumentException("zone must be absolute: " + origin);
    }
  }

  /** The zone of {@code domain} (e.g. "cluster.local", with or without the trailing dot). */
  public static Zone of(String domain, long ttl) {
    String d = domain.toLowerCase(Locale.ROOT);
    try {
      return new Zone(Name.fromString(d.endsWith(".") ? d : d + "."), ttl);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + domain, e);
    }
  }

  /** {@code relative} (e.g. "web.default.svc") under this zone. */
  public Name name(String relative) {
    try {
      return Name.fromString(relative, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a name: " + relative, e);
    }
  }

  /** The zone's SOA record with {@code serial}. */
  public SOARecord soa(long serial) {
    return new SOARecord(
        origin,
        DClass.IN,
        ttl,
        name("ns.dns"),
        name("hostmaster"),
        serial & 0xffffffffL,
        7200,
        1800,
        86400,
        ttl);
  }
}
