package io.nauta.node.server;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Decides whose client certificate may use the agent's API. The TLS layer has already verified the
 * chain against the trusted CAs; this only chooses among verified callers. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ClientAuthenticator {
  /** The common name of the client certificate the API server uses toward node agents. */
  String API_SERVER_CLIENT = "nauta-apiserver-kubelet-client";

  /**
   * @param verifiedChain the caller's certificate chain, leaf first, already verified
   * @return the caller's name when it may call, empty when it may not
   */
  Optional<String> authenticate(X509Certificate[] verifiedChain);

  /** Lets in only certificates whose subject common name is one of {@code names}. */
  static ClientAuthenticator commonNames(String... names) {
    java.util.Set<String> allowed = java.util.Set.of(names);
    return chain -> commonName(chain[0]).filter(allowed::contains);
  }

  /** The subject's common name, if it has one. */
  static Optional<String> commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
