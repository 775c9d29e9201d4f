package io.nauta.apiserver.auth;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Authenticates a request by its verified client certificate chain (the TLS layer has already
 * checked it against the cluster CA) or its {@code Authorization: Bearer} token. Thread-safe.
 */
public final class Authenticator {
  private final TokenFile tokens;
  private final BootstrapTokens bootstrap;

  public Authenticator(TokenFile tokens) {
    this(tokens, null);
  }

  /** With bootstrap tokens (node joins) besides the static token file; null for none. */
  public Authenticator(TokenFile tokens, BootstrapTokens bootstrap) {
    this.tokens = tokens;
    this.bootstrap = bootstrap;
  }

  /**
   * @param peerChain the verified client chain, or null when the client sent no certificate
   * @param authorization the Authorization header, or null
   * @return the caller, or empty when no credential is present or valid
   */
  public Optional<UserInfo> authenticate(X509Certificate[] peerChain, String authorization) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).trim();
      Optional<UserInfo> user = tokens.lookup(token);
      if (user.isEmpty() && bootstrap != null && BootstrapTokens.looksLikeOne(token)) {
        user = bootstrap.lookup(token);
      }
      return user.map(Authenticator::withAuthenticated);
    }
    if (peerChain != null && peerChain.length > 0) {
      return fromCertificate(peerChain[0]).map(Authenticator::withAuthenticated);
    }
    return Optional.empty();
  }

  static Optional<UserInfo> fromCertificate(X509Certificate cert) {
    try {
      LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
      String cn = null;
      List<String> groups = new ArrayList<>();
      for (Rdn rdn : dn.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn = rdn.getValue().toString();
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          groups.add(rdn.getValue().toString());
        }
      }
      return cn == null ? Optional.empty() : Optional.of(new UserInfo(cn, "", groups));
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }

  private static UserInfo withAuthenticated(UserInfo u) {
    if (u.groups().contains("system:authenticated")) {
      return u;
    }
    List<String> g = new ArrayList<>(u.groups());
    g.add("system:authenticated");
    return new UserInfo(u.name(), u.uid(), List.copyOf(g));
  }
}
