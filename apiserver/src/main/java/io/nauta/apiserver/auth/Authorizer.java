package io.nauta.apiserver.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a caller may make a request. Until RBAC is enforced every authenticated user may
 * do everything, except callers holding only a bootstrap token: they may discover the API and
 * create and read CertificateSigningRequests, which is all a joining node needs. Pure.
 */
public final class Authorizer {
  private static final Set<String> BOOTSTRAP_VERBS = Set.of("create", "get", "list", "watch");

  private Authorizer() {}

  /**
   * Why {@code user} may not {@code verb} the resource, in Kubernetes' words, or empty when it may.
   *
   * @param subresource null for the resource itself
   * @param namespace null at the cluster scope
   */
  public static Optional<String> deniedResource(
      UserInfo user,
      String verb,
      String group,
      String plural,
      String subresource,
      String namespace) {
    if (!bootstrapOnly(user)) {
      return Optional.empty();
    }
    if (group.equals("certificates.k8s.io")
        && plural.equals("certificatesigningrequests")
        && subresource == null
        && BOOTSTRAP_VERBS.contains(verb)) {
      return Optional.empty();
    }
    String resource = subresource == null ? plural : plural + "/" + subresource;
    return Optional.of(
        "User \""
            + user.name()
            + "\" cannot "
            + verb
            + " resource \""
            + resource
            + "\" in API group \""
            + group
            + "\" "
            + (namespace == null
                ? "at the cluster scope"
                : "in the namespace \"" + namespace + "\""));
  }

  /** As {@link #deniedResource} for a path outside the resource tree (metrics, ...). */
  public static Optional<String> deniedPath(UserInfo user, String verb, String path) {
    if (!bootstrapOnly(user)
        || path.startsWith("/api")
        || path.startsWith("/openapi")
        || path.startsWith("/version")) {
      return Optional.empty();
    }
    return Optional.of("User \"" + user.name() + "\" cannot " + verb + " path \"" + path + "\"");
  }

  private static boolean bootstrapOnly(UserInfo user) {
    return user.groups().contains(BootstrapTokens.GROUP)
        && !user.groups().contains("system:masters");
  }
}
