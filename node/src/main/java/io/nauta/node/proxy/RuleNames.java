package io.nauta.node.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names of the per-service chains and sets: a prefix, a hash that keeps names unique and short,
 * then the readable service port (and endpoint) they belong to, e.g. {@code
 * svc-Q3RBF2LA-default/web/tcp/http} or {@code ep-MZ2W6YTC-default/web/tcp/http__10.42.1.5/8080}. A
 * name depends only on what it names, so a chain whose content does not change keeps its name (and
 * an affinity set its entries) across syncs.
 */
final class RuleNames {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private RuleNames() {}

  /** The chain cluster-IP traffic of {@code port} enters. */
  static String service(ServicePort port) {
    return "svc-" + hash(port.id()) + "-" + port.id();
  }

  /** The chain node-port traffic of {@code port} enters. */
  static String external(ServicePort port) {
    return "ext-" + hash(port.id()) + "-" + port.id();
  }

  /** The chain that sends {@code port}'s traffic to {@code endpoint}. */
  static String endpoint(ServicePort port, Endpoint endpoint) {
    return "ep-" + endpointSuffix(port, endpoint);
  }

  /** The set of clients whose connections to {@code port} stick to {@code endpoint}. */
  static String affinity(ServicePort port, Endpoint endpoint) {
    return "aff-" + endpointSuffix(port, endpoint);
  }

  private static String endpointSuffix(ServicePort port, Endpoint endpoint) {
    String readable = port.id() + "__" + endpoint.address();
    return hash(readable) + "-" + readable;
  }

  /** Eight base32 characters of the name's SHA-256. */
  static String hash(String s) {
    byte[] d;
    try {
      d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    long bits = 0;
    for (int i = 0; i < 5; i++) {
      bits = (bits << 8) | (d[i] & 0xff);
    }
    char[] out = new char[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = BASE32[(int) (bits & 31)];
      bits >>>= 5;
    }
    return new String(out);
  }
}
